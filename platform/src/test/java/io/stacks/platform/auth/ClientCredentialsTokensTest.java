package io.stacks.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.stacks.platform.problem.ProblemException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokensTest {

    /** What user-service's token endpoint was asked. */
    private record Seen(String method, String path, String authorization, String contentType, String body) {
    }

    /** A canned answer of the token endpoint. */
    private record Answer(int status, String body) {
    }

    private HttpServer userService;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger issued = new AtomicInteger();

    @BeforeEach
    void startUserService() throws Exception {
        userService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        userService.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = answers.isEmpty() ? token(300) : answers.poll();
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        userService.start();
    }

    @AfterEach
    void stopUserService() {
        userService.stop(0);
    }

    private Answer token(long expiresIn) {
        return new Answer(200, "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + expiresIn + "}");
    }

    private String userServiceUrl() {
        return "http://127.0.0.1:" + userService.getAddress().getPort();
    }

    private ClientCredentialsTokens tokens(String url) {
        return new ClientCredentialsTokens("book-service", TestAuthConfig.withSecret("s3cret"), url);
    }

    private ClientCredentialsTokens tokens() {
        return tokens(userServiceUrl());
    }

    private static void assertUnavailable(Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(503, e.status());
        assertEquals(5, e.retryAfterSeconds());
    }

    @Test
    void presentsTheIssuedTokenAsABearer() {
        assertEquals("Bearer t1", tokens().bearerFor("user-service"));
    }

    @Test
    void asksUserServiceByTheClientCredentialsGrant() {
        tokens().bearerFor("image-service");
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/internal/token", request.path());
        assertEquals("application/x-www-form-urlencoded", request.contentType());
        assertEquals("grant_type=client_credentials&audience=image-service", request.body());
    }

    @Test
    void authenticatesWithTheServiceNameAndSecretByBasicAuth() {
        tokens().bearerFor("user-service");
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("book-service:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, seen.get(0).authorization());
    }

    @Test
    void formEncodesTheAudience() {
        tokens().bearerFor("odd service&x=1");
        assertEquals("grant_type=client_credentials&audience=odd+service%26x%3D1", seen.get(0).body());
    }

    @Test
    void trimsTrailingSlashesOfTheUserServiceUrl() {
        tokens(userServiceUrl() + "//").bearerFor("user-service");
        assertEquals("/internal/token", seen.get(0).path());
    }

    @Test
    void reusesATokenThatIsNotAboutToExpire() {
        ClientCredentialsTokens tokens = tokens();
        assertEquals("Bearer t1", tokens.bearerFor("user-service"));
        assertEquals("Bearer t1", tokens.bearerFor("user-service"));
        assertEquals(1, seen.size());
    }

    @Test
    void replacesATokenThatExpiresWithinFifteenSeconds() {
        answers.add(token(10));
        ClientCredentialsTokens tokens = tokens();
        assertEquals("Bearer t1", tokens.bearerFor("user-service"));
        assertEquals("Bearer t2", tokens.bearerFor("user-service"));
        assertEquals(2, seen.size());
    }

    @Test
    void keepsOneTokenPerAudience() {
        ClientCredentialsTokens tokens = tokens();
        String forUsers = tokens.bearerFor("user-service");
        String forImages = tokens.bearerFor("image-service");
        assertNotEquals(forUsers, forImages);
        assertEquals(forUsers, tokens.bearerFor("user-service"));
        assertEquals(2, seen.size());
    }

    @Test
    void isUnavailableWhenUserServiceRefusesTheCredentials() {
        answers.add(new Answer(401, "{\"error\":\"invalid_client\"}"));
        assertUnavailable(() -> tokens().bearerFor("user-service"));
    }

    @Test
    void isUnavailableWhenUserServiceAnswersWithoutToken() {
        answers.add(new Answer(200, "{\"expires_in\":300}"));
        assertUnavailable(() -> tokens().bearerFor("user-service"));
    }

    @Test
    void isUnavailableWhenUserServiceAnswersWithoutLifetime() {
        answers.add(new Answer(200, "{\"access_token\":\"t\"}"));
        assertUnavailable(() -> tokens().bearerFor("user-service"));
    }

    @Test
    void isUnavailableWhenUserServiceAnswersWithoutJson() {
        answers.add(new Answer(200, "<html>gateway</html>"));
        assertUnavailable(() -> tokens().bearerFor("user-service"));
    }

    @Test
    void isUnavailableWhenUserServiceCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertUnavailable(() -> tokens("http://127.0.0.1:" + closedPort).bearerFor("user-service"));
    }

    @Test
    void asksAgainAfterAFailure() {
        answers.add(new Answer(503, "{}"));
        ClientCredentialsTokens tokens = tokens();
        assertUnavailable(() -> tokens.bearerFor("user-service"));
        assertEquals("Bearer t1", tokens.bearerFor("user-service"));
    }

    @Test
    void refusesToCallPeersWithoutAClientSecret() {
        ClientCredentialsTokens tokens = new ClientCredentialsTokens("book-service", TestAuthConfig.withoutSecret(),
                userServiceUrl());
        assertThrows(IllegalStateException.class, () -> tokens.bearerFor("user-service"));
        assertEquals(0, seen.size());
    }
}
