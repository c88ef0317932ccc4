package io.stacks.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stacks.platform.problem.RequestIds;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Filters filters = new Filters();
        new RequestIdFilter().register(filters);
        // What the request looks like to everything after the filter: its header and the logging context.
        server = new TestServer(filters, router -> router.get("/seen").handler(rc -> rc.response()
                .end(rc.request().getHeader(RequestIds.HEADER) + "|" + MDC.get(RequestIds.MDC_KEY))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> withId(String id) throws Exception {
        return server.send(server.request("/seen").header(RequestIds.HEADER, id).GET());
    }

    private static String echoed(HttpResponse<String> response) {
        return response.headers().firstValue(RequestIds.HEADER).orElseThrow();
    }

    private static void assertGenerated(HttpResponse<String> response) {
        String id = echoed(response);
        assertEquals(id, UUID.fromString(id).toString());
        assertEquals(id + "|" + id, response.body(), "the request and the log must carry the id echoed");
    }

    @Test
    void keepsAndEchoesASaneIdTheCallerSent() throws Exception {
        HttpResponse<String> response = withId("gw-1.2:abc_DEF-9");
        assertEquals("gw-1.2:abc_DEF-9", echoed(response));
        assertEquals("gw-1.2:abc_DEF-9|gw-1.2:abc_DEF-9", response.body());
    }

    @Test
    void keepsAnIdOf128Characters() throws Exception {
        String longest = "a".repeat(128);
        assertEquals(longest, echoed(withId(longest)));
    }

    @Test
    void replacesAnIdLongerThan128Characters() throws Exception {
        HttpResponse<String> response = withId("a".repeat(129));
        assertGenerated(response);
    }

    @Test
    void replacesAnIdWithCharactersThatDoNotBelongInALogLine() throws Exception {
        for (String insane : new String[] { "abc def", "<script>", "id;drop", "a\"b", "ü" }) {
            HttpResponse<String> response = withId(insane);
            assertNotEquals(insane, echoed(response));
            assertGenerated(response);
        }
    }

    @Test
    void givesARequestWithoutIdANewOne() throws Exception {
        HttpResponse<String> response = server.get("/seen");
        assertGenerated(response);
    }

    @Test
    void givesEveryRequestWithoutIdADifferentOne() throws Exception {
        assertNotEquals(echoed(server.get("/seen")), echoed(server.get("/seen")));
    }

    @Test
    void echoesTheIdAlsoWhenNothingAnswersThePath() throws Exception {
        HttpResponse<String> response = server.send(server.request("/nowhere").header(RequestIds.HEADER, "r-1").GET());
        assertEquals(404, response.statusCode());
        assertEquals("r-1", echoed(response));
    }
}
