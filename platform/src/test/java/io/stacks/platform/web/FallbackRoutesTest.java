package io.stacks.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stacks.platform.problem.Problem;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FallbackRoutesTest {

    private static TestServer server;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(new Filters(), router -> {
            router.get("/ok").handler(rc -> rc.response().end("fine"));
            router.get("/bug").handler(rc -> {
                throw new IllegalStateException("secret: table users is odd");
            });
            router.get("/too-large").handler(rc -> rc.fail(413));
            router.get("/teapot").handler(rc -> rc.fail(418));
            router.get("/gateway").handler(rc -> rc.fail(502));
            new FallbackRoutes().register(router);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private JsonNode problemOf(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = json.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertEquals("about:blank", problem.get("type").asText());
        return problem;
    }

    @Test
    void answersAnUnknownPathWith404ProblemJson() throws Exception {
        JsonNode problem = problemOf(server.get("/nowhere/7?x=1"), 404);
        assertEquals("Not Found", problem.get("title").asText());
        assertEquals("no resource at this path", problem.get("detail").asText());
        assertEquals("/nowhere/7", problem.get("instance").asText());
    }

    @Test
    void leavesAKnownPathAlone() throws Exception {
        HttpResponse<String> response = server.get("/ok");
        assertEquals(200, response.statusCode());
        assertEquals("fine", response.body());
    }

    @Test
    void answersAFailureInTheHttpLayerWith500WithoutItsMessage() throws Exception {
        HttpResponse<String> response = server.get("/bug");
        JsonNode problem = problemOf(response, 500);
        assertEquals("the service could not complete the request", problem.get("detail").asText());
        assertFalse(response.body().contains("secret") || response.body().contains("IllegalState"), response.body());
    }

    @Test
    void keepsTheStatusOfAServerSideFailure() throws Exception {
        JsonNode problem = problemOf(server.get("/gateway"), 502);
        assertEquals("the service could not complete the request", problem.get("detail").asText());
    }

    @Test
    void explainsABodyTheHttpLayerRefused() throws Exception {
        JsonNode problem = problemOf(server.get("/too-large"), 413);
        assertEquals("the request body is larger than this service accepts", problem.get("detail").asText());
    }

    @Test
    void keepsTheStatusOfAnyOtherClientError() throws Exception {
        JsonNode problem = problemOf(server.get("/teapot"), 418);
        assertEquals("the request could not be handled", problem.get("detail").asText());
    }

    @Test
    void refusesMalformedPercentEncodingInThePathWith400Problem() throws Exception {
        String answer = server.raw("GET /ok/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("Content-Type: " + Problem.MEDIA_TYPE), answer);
        assertTrue(answer.contains("X-Request-Id: "), answer);
        assertTrue(answer.contains("\"detail\":\"the request target is not a valid URI: malformed escape pair at character 5\""), answer);
    }

    @Test
    void refusesATruncatedPercentEscapeInTheQueryWith400Problem() throws Exception {
        String answer = server.raw("GET /ok?page=% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("the request target is not a valid URI"), answer);
    }

    @Test
    void letsWellFormedPercentEncodingThrough() throws Exception {
        assertEquals(404, server.get("/ok%2Fnot").statusCode());
        assertEquals(200, server.get("/ok?q=a%20b").statusCode());
    }
}
