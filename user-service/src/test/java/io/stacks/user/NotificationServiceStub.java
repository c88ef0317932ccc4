package io.stacks.user;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * notification-service at the HTTP boundary. Records every POST /internal/mail (body and the Authorization,
 * Idempotency-Key and X-Request-Id headers) and answers 202, 500, 400 or drops the connection, as told. Tests drive it over HTTP (GET /stub/calls, PUT
 * /stub/mode), so they need no shared class state with the application under test.
 */
public class NotificationServiceStub implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers mail requests. */
    enum Mode {
        /** 202: the mail is taken. */
        ACCEPT,
        /** 500: a passing failure, worth retrying. */
        FAIL,
        /** No answer at all: the connection just ends. */
        DROP,
        /** 400: a refusal that no retry changes. */
        REJECT
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/mail", this::mail);
        server.createContext("/stub/calls", exchange -> respond(exchange, 200, "[" + String.join(",", calls) + "]"));
        server.createContext("/stub/mode", exchange -> {
            mode = Mode.valueOf(read(exchange));
            respond(exchange, 204, null);
        });
        server.start();
        return Map.of("quarkus.rest-client.notification-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts after the stand-ins, so its notification-service URL replaces theirs (tests assert the calls arrive). */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void mail(HttpExchange exchange) throws IOException {
        String body = read(exchange);
        Mode answer = mode;
        calls.add("{\"method\":\"" + exchange.getRequestMethod() + "\",\"mode\":\"" + answer
                + "\",\"authorization\":" + header(exchange, "Authorization")
                + ",\"idempotencyKey\":" + header(exchange, "Idempotency-Key")
                + ",\"requestId\":" + header(exchange, "X-Request-Id")
                + ",\"contentType\":" + header(exchange, "Content-Type")
                + ",\"mail\":" + (body.isBlank() ? "null" : body) + "}");
        switch (answer) {
            case ACCEPT -> respond(exchange, 202, "{}");
            case FAIL -> respond(exchange, 500, "{\"title\":\"Internal Server Error\"}");
            case DROP -> exchange.close(); // no response at all: the connection just ends
            case REJECT -> respond(exchange, 400, "{\"title\":\"Bad Request\"}");
        }
    }

    /** A request header as a JSON string (or null); the characters that would break the JSON are dropped. */
    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "null" : "\"" + value.replaceAll("[\"\\\\\\p{Cntrl}]", "") + "\"";
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
