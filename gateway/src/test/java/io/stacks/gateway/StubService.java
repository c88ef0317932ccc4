package io.stacks.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for one Stacks service at the HTTP boundary: records every request it gets (method, path, query,
 * headers, body size), answers readiness, and for user-service plays /auth/token and /reset/confirm. Like
 * user-service, it takes a username in any spelling: trimmed and in lower case, " Ada@Example.COM " is ada@example.com.
 */
final class StubService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub saw it; the body is counted, never kept. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, long bodyBytes) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final String name;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    /** Body bytes read so far by requests still in progress, to see a body arrive while it is being sent. */
    final AtomicLong bytesArriving = new AtomicLong();
    /** user-service only: the accounts /auth/token accepts (username, trimmed and in lower case, to password). */
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** user-service only: reset tokens /reset/confirm accepts (token to username). */
    final Map<String, String> resetTokens = new ConcurrentHashMap<>();
    /** Paths ending in /closes-once that have already had their connection dropped once. */
    private final Set<String> closedOnce = ConcurrentHashMap.newKeySet();
    /** Released by tests to let a request to /.../never-answers finish. */
    volatile CountDownLatch hold = new CountDownLatch(1);
    private volatile HttpServer server;
    private final int port;

    StubService(String name) {
        this.name = name;
        start(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The request that carried this X-Request-Id, if this stub got it. */
    Optional<Seen> request(String requestId) {
        return seen.stream().filter(s -> requestId.equals(s.header("X-Request-Id"))).findFirst();
    }

    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port after {@link #stop()}. */
    void restart() {
        start(port);
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] small = null;
            long bytes;
            if (path.equals("/auth/token") || path.equals("/reset/confirm")) {
                small = exchange.getRequestBody().readAllBytes();
                bytes = small.length;
            } else {
                bytes = count(exchange.getRequestBody(), bytesArriving);
            }
            seen.add(new Seen(method, path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), bytes));
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (requestId != null) {
                // The services echo the id too; the gateway must not send it twice.
                exchange.getResponseHeaders().add("X-Request-Id", requestId);
            }
            if (path.equals("/q/health/ready")) {
                respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
            } else if (name.equals("user-service") && path.equals("/auth/token") && method.equals("POST")) {
                token(exchange, JSON.readTree(small));
            } else if (name.equals("user-service") && path.equals("/reset/confirm") && method.equals("POST")) {
                confirmReset(exchange, JSON.readTree(small));
            } else if (path.endsWith("/closes-once") && closedOnce.add(path)) {
                // Leaving without an answer makes the JDK server drop the connection, as a service does that closed
                // a kept-alive connection just as the gateway reused it.
                return;
            } else if (path.endsWith("/never-answers")) {
                hold.await(20, TimeUnit.SECONDS);
                respond(exchange, 200, "application/json", "{}");
            } else {
                respond(exchange, 200, "application/json",
                        "{\"service\":\"" + name + "\",\"path\":\"" + path + "\",\"bytes\":" + bytes + "}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange, JsonNode body) throws IOException {
        tokenRequests.incrementAndGet();
        String username = normalised(body.path("username").asText());
        String password = body.path("password").asText();
        if (!password.isEmpty() && password.equals(passwords.get(username))) {
            String token = TestTokens.mint(UUID.randomUUID().toString(), username, Roles.MEMBER);
            respond(exchange, 200, "application/json",
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        } else {
            respond(exchange, 401, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"detail\":\"stub: wrong username or password\"}");
        }
    }

    private void confirmReset(HttpExchange exchange, JsonNode body) throws IOException {
        String username = resetTokens.remove(body.path("token").asText());
        if (username == null) {
            respond(exchange, 400, "application/problem+json",
                    "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"stub: unknown reset token\"}");
            return;
        }
        passwords.put(username, body.path("password").asText());
        respond(exchange, 200, "application/json", "{\"username\":\"" + username + "\"}");
    }

    /** A username as user-service stores and compares it. */
    static String normalised(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    private static long count(InputStream body, AtomicLong progress) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = body.read(chunk)) != -1;) {
            total += read;
            progress.addAndGet(read);
        }
        return total;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
