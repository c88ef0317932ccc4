package io.stacks.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** What tests tell the book-service stand-in ({@link BookServiceStub}) through its control server. */
final class BookStub {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BookStub() {
    }

    /** Registers a new book created by the given user and returns its id. */
    static String bookOf(String createdById, String createdBy) {
        String id = UUID.randomUUID().toString();
        send("PUT", "/books/" + id + "?createdById=" + createdById + "&createdBy="
                + URLEncoder.encode(createdBy, StandardCharsets.UTF_8));
        return id;
    }

    /** The Authorization header book-service last received for the book, if it was asked about it. */
    static Optional<String> authorizationSeenFor(String bookId) {
        HttpResponse<String> response = send("GET", "/seen/" + bookId);
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    /** How many requests book-service has received in all. */
    static int requestsReceived() {
        return Integer.parseInt(send("GET", "/requests").body());
    }

    /** book-service accepts connections but answers nothing (until {@link #up()} or another mode). */
    static void hanging() {
        send("PUT", "/mode/hanging");
    }

    static void failing() {
        send("PUT", "/mode/failing");
    }

    static void down() {
        send("PUT", "/mode/down");
    }

    static void up() {
        send("PUT", "/mode/up");
    }

    private static HttpResponse<String> send(String method, String path) {
        String base = ConfigProvider.getConfig().getValue(BookServiceStub.CONTROL_URL, String.class);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
