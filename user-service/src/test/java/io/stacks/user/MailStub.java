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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The tests' side of {@link NotificationServiceStub}: what the service asked it to send, and how it answers.
 * Mail goes out through the outbox after the service has answered, so the readers here wait for it.
 */
final class MailStub {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private MailStub() {
    }

    /** The stub's URL as the service under test has it configured. */
    static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.notification-service.url", String.class);
    }

    /**
     * Every mail request (failed attempts included) for the recipient, oldest first, once nothing for them is
     * left to deliver: waits until the outbox holds no pending mail to the recipient. (The relay removes an event
     * only after the stub has answered it, so by then every delivery has been recorded.) With the stub failing,
     * use {@link #awaitCalls} instead: the mail stays pending.
     */
    static List<Map<String, Object>> callsTo(String recipient) {
        Eventually.await("every mail to " + recipient + " to be delivered", () -> OutboxRows.mailTo(recipient),
                rows -> rows.stream().noneMatch(row -> OutboxRows.PENDING.equals(row.status())));
        return recordedCallsTo(recipient);
    }

    /** The mail requests for the recipient the stub has seen so far, without waiting. */
    static List<Map<String, Object>> recordedCallsTo(String recipient) {
        List<Map<String, Object>> calls = JsonPath.from(send(HttpRequest.newBuilder(URI.create(url() + "/stub/calls"))
                .GET())).getList("$");
        return calls.stream().filter(call -> call.get("mail") instanceof Map<?, ?> mail
                && recipient.equals(mail.get("to"))).toList();
    }

    /** Waits until the stub has seen at least {@code count} mail requests for the recipient that match. */
    static List<Map<String, Object>> awaitCalls(String recipient, int count, Predicate<Map<String, Object>> which) {
        return Eventually.await(count + " matching mail request(s) for " + recipient,
                () -> recordedCallsTo(recipient).stream().filter(which).toList(), calls -> calls.size() >= count);
    }

    static Predicate<Map<String, Object>> answeredWith(NotificationServiceStub.Mode mode) {
        return call -> mode.name().equals(call.get("mode"));
    }

    static Predicate<Map<String, Object>> template(String template) {
        return call -> template.equals(mail(call).get("template"));
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

    /** The token of the last mail of the given template sent to the recipient, once it has been delivered. */
    static String lastToken(String recipient, String template) {
        List<Map<String, Object>> calls = callsTo(recipient).stream().filter(template(template)).toList();
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
