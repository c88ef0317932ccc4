package io.stacks.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * user-service's token endpoint at the HTTP boundary, for a service whose tests run without user-service: answers
 * the client-credentials grant (POST /internal/token) for this test run's services and secrets, signed with the
 * run's key as user-service signs. Use after {@link StandinsTestResource}:
 * {@code @QuarkusTestResource(ServiceTokenIssuer.class)}.
 */
public class ServiceTokenIssuer implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/token", ServiceTokenIssuer::issue);
        server.start();
        return Map.of("quarkus.rest-client.user-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** After the stand-ins, whose user-service URL this one replaces. */
    @Override
    public int order() {
        return 5;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void issue(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String client = authenticatedClient(exchange.getRequestHeaders().getFirst("Authorization"));
        String audience = form.get("audience");
        if (client == null) {
            respond(exchange, 401, "{\"status\":401}");
        } else if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
                || audience == null || audience.equals(client) || !isService(audience)) {
            // As strict as user-service, so that a service passing against this stub passes against the real one.
            respond(exchange, 400, "{\"status\":400}");
        } else {
            String token = TestTokens.service(StandinsTestResource.keys(), client, audience, 300);
            respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        }
    }

    private static boolean isService(String name) {
        for (Service service : Service.values()) {
            if (service != Service.GATEWAY && service.module().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String authenticatedClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String[] pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8)
                    .split(":", 2);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Service service : Service.values()) {
            if (service == Service.USER) {
                continue; // user-service mints its own tokens: it is no client
            }
            if (service.module().equals(pair[0]) && pair.length == 2
                    && StandinsTestResource.secrets().secretOf(service).equals(pair[1])) {
                return pair[0];
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
