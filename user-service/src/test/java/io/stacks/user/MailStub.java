package io.stacks.user;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** The tests' side of {@link NotificationServiceStub}: what the service asked it to send, and how it answers. */
final class MailStub {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private MailStub() {
    }

    /** The stub's URL as the service under test has it configured. */
    static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.notification-service.url", String.class);
    }

    /** Every mail request (including failed attempts) for the given recipient, oldest first. */
    static List<Map<String, Object>> callsTo(String recipient) {
        List<Map<String, Object>> calls = JsonPath.from(send(HttpRequest.newBuilder(URI.create(url() + "/stub/calls"))
                .GET())).getList("$");
        return calls.stream().filter(call -> call.get("mail") instanceof Map<?, ?> mail
                && recipient.equals(mail.get("to"))).toList();
    }

    static void answer(NotificationServiceStub.Mode mode) {
        send(HttpRequest.newBuilder(URI.create(url() + "/stub/mode")).PUT(HttpRequest.BodyPublishers.ofString(mode.name())));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mail(Map<String, Object> call) {
        return (Map<String, Object>) call.get("mail");
    }

    @SuppressWarnings("unchecked")
    static String link(Map<String, Object> call) {
        return ((Map<String, String>) mail(call).get("variables")).get("link");
    }

    static String tokenIn(String link) {
        Matcher matcher = TOKEN.matcher(link);
        if (!matcher.find()) {
            throw new AssertionError("no token in " + link);
        }
        return matcher.group(1);
    }

    /** The token of the last mail of the given template sent to the recipient. */
    static String lastToken(String recipient, String template) {
        List<Map<String, Object>> calls = callsTo(recipient).stream()
                .filter(call -> template.equals(mail(call).get("template"))).toList();
        if (calls.isEmpty()) {
            throw new AssertionError("no " + template + " mail requested for " + recipient);
        }
        return tokenIn(link(calls.get(calls.size() - 1)));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 300, "stub answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
