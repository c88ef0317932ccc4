package io.stacks.book;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * image-service at the HTTP boundary: records every request book-service sends to its internal endpoint (with the
 * Authorization and Idempotency-Key headers), and answers 204 unless a test makes it answer otherwise for one book
 * ({@link #answer(String, int)}) until it recovers ({@link #recover(String)}). Failing per book keeps the relay's
 * deliveries for other tests' books unaffected.
 */
public class ImageServiceStub implements QuarkusTestResourceLifecycleManager {

    /** One request as image-service received it (when, on a monotonic clock), and what it answered. */
    record Received(String method, String path, String authorization, String idempotencyKey, int answered,
            long atMillis) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, Integer> STATUS_BY_PATH = new ConcurrentHashMap<>();
    private HttpServer server;

    /** The path book-service deletes a book's images at. */
    static String imagesOf(String bookId) {
        return "/internal/book/" + bookId + "/images";
    }

    /** From now on, image-service answers this status to requests about the book's images. */
    static void answer(String bookId, int status) {
        STATUS_BY_PATH.put(imagesOf(bookId), status);
    }

    /** image-service answers 204 again for the book's images. */
    static void recover(String bookId) {
        STATUS_BY_PATH.remove(imagesOf(bookId));
    }

    /** Every request about the book's images so far, oldest first. */
    static List<Received> receivedFor(String bookId) {
        return RECEIVED.stream().filter(request -> request.path().equals(imagesOf(bookId))).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/book/", ImageServiceStub::handle);
        server.start();
        return Map.of("quarkus.rest-client.image-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int status = STATUS_BY_PATH.getOrDefault(path, 204);
        RECEIVED.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), status, System.nanoTime() / 1_000_000));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Starts after the stand-ins so that its image-service URL is the one the service gets. */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
