package io.stacks.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.RequestIds;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

    private static final int LIMIT = 16;
    private static TestServer limited;
    private static TestServer unconfigured;
    private final ObjectMapper json = new ObjectMapper();

    private static TestServer serverWith(Optional<MemorySize> maxBodySize) throws Exception {
        Filters filters = new Filters();
        new RequestIdFilter().register(filters);
        new BodyLimitFilter().register(filters, maxBodySize, true);
        return new TestServer(filters, router -> {
            new FallbackRoutes().register(router);
            router.post("/upload").handler(BodyHandler.create());
            router.post("/upload").handler(rc -> rc.response().end("read " + rc.body().length()));
        });
    }

    @BeforeAll
    static void start() throws Exception {
        limited = serverWith(Optional.of(new MemorySize(BigInteger.valueOf(LIMIT))));
        unconfigured = serverWith(Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        limited.close();
        unconfigured.close();
    }

    private static HttpResponse<String> post(TestServer server, String body) throws Exception {
        return server.send(server.request("/upload").POST(BodyPublishers.ofString(body)));
    }

    @Test
    void answersABodyOverTheLimitWith413ProblemJson() throws Exception {
        HttpResponse<String> response = post(limited, "x".repeat(LIMIT + 1));
        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = json.readTree(response.body());
        assertEquals(413, problem.get("status").asInt());
        assertEquals("the request body is larger than this service accepts (at most 16 bytes)",
                problem.get("detail").asText());
        assertEquals("/upload", problem.get("instance").asText());
    }

    @Test
    void closesTheConnectionAfterRefusingABody() throws Exception {
        String response = limited.raw("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.toLowerCase().contains("connection: close"), response);
    }

    @Test
    void carriesTheRequestIdInTheProblem() throws Exception {
        HttpResponse<String> response = limited.send(limited.request("/upload").header(RequestIds.HEADER, "req-413")
                .POST(BodyPublishers.ofString("x".repeat(LIMIT + 1))));
        assertEquals("req-413", json.readTree(response.body()).get("requestId").asText());
    }

    @Test
    void letsABodyAtTheLimitThrough() throws Exception {
        HttpResponse<String> response = post(limited, "x".repeat(LIMIT));
        assertEquals(200, response.statusCode());
        assertEquals("read 16", response.body());
    }

    @Test
    void letsARequestWithoutBodyThrough() throws Exception {
        HttpResponse<String> response = limited.send(limited.request("/upload").POST(BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
    }

    @Test
    void appliesTheQuarkusDefaultOfTenMebibytesWhenNoLimitIsConfigured() throws Exception {
        String response = unconfigured.raw("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 10485761\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("(at most 10485760 bytes)"), response);
    }

    @Test
    void letsABodyUnderTheDefaultThrough() throws Exception {
        assertEquals(200, post(unconfigured, "x".repeat(1024)).statusCode());
    }

    private static HttpResponse<String> postChunked(TestServer server, String body) throws Exception {
        // A body of unknown length goes out chunked, without Content-Length.
        return server.send(server.request("/upload").POST(BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    @Test
    void answersAChunkedBodyOverTheLimitWith413ProblemJson() throws Exception {
        HttpResponse<String> response = postChunked(limited, "x".repeat(LIMIT * 4));
        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(413, json.readTree(response.body()).get("status").asInt());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void hasAChunkedBodyWithinTheLimitReadForTheHandler() throws Exception {
        HttpResponse<String> response = postChunked(limited, "x".repeat(LIMIT));
        assertEquals(200, response.statusCode());
        assertEquals("read " + LIMIT, response.body());
    }

    @Test
    void refusesATransferEncodingThatIsNotChunked() throws Exception {
        String answer = limited.raw("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("only chunked"), answer);
    }
}
