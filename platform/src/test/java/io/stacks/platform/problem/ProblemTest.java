package io.stacks.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void forgetRequestId() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    private JsonNode serialised(Problem problem) throws Exception {
        return json.readTree(json.writeValueAsString(problem));
    }

    @Test
    void carriesTheRequestIdOfTheLoggingContext() {
        MDC.put(RequestIds.MDC_KEY, "req-42");
        assertEquals("req-42", RequestIds.current());
        assertEquals("req-42", Problem.of(404, "Not Found", "no book 7").requestId());
        assertEquals("req-42", ProblemException.notFound("no book 7").toProblem().requestId());
    }

    @Test
    void hasNoRequestIdOutsideARequest() {
        assertNull(RequestIds.current());
        assertNull(Problem.of(500, "Internal Server Error", "x").requestId());
    }

    @Test
    void isAnAboutBlankProblemWithTheGivenStatusTitleAndDetail() {
        Problem problem = Problem.of(409, "Conflict", "the isbn is taken");
        assertEquals("about:blank", problem.type());
        assertEquals(409, problem.status());
        assertEquals("Conflict", problem.title());
        assertEquals("the isbn is taken", problem.detail());
    }

    @Test
    void serialisesWithoutErrorsWhenThereAreNone() throws Exception {
        JsonNode body = serialised(ProblemException.conflict("the isbn is taken").toProblem().withInstance("/book"));
        assertFalse(body.has("errors"), body.toString());
        assertEquals("about:blank", body.get("type").asText());
        assertEquals("Conflict", body.get("title").asText());
        assertEquals(409, body.get("status").asInt());
        assertEquals("the isbn is taken", body.get("detail").asText());
        assertEquals("/book", body.get("instance").asText());
    }

    @Test
    void serialisesWithoutInstanceOrRequestIdWhenUnknown() throws Exception {
        JsonNode body = serialised(Problem.of(400, "Bad Request", "x"));
        assertFalse(body.has("instance"), body.toString());
        assertFalse(body.has("requestId"), body.toString());
    }

    @Test
    void serialisesTheRequestIdWhenKnown() throws Exception {
        MDC.put(RequestIds.MDC_KEY, "req-7");
        assertEquals("req-7", serialised(Problem.of(400, "Bad Request", "x")).get("requestId").asText());
    }

    @Test
    void serialisesFieldErrorsAsAnObject() throws Exception {
        JsonNode body = serialised(ProblemException.invalidField("size", "must be at most 100").toProblem());
        assertEquals("must be at most 100", body.get("errors").get("size").asText());
    }

    @Test
    void namesTheFieldInTheDetailOfAnInvalidField() {
        Problem problem = ProblemException.invalidField("isbn", "must have 13 digits").toProblem();
        assertEquals(400, problem.status());
        assertEquals("isbn: must have 13 digits", problem.detail());
        assertEquals(Map.of("isbn", "must have 13 digits"), problem.errors());
    }

    @Test
    void keepsEveryOtherFieldWhenGivenAnInstance() {
        Problem original = Problem.of(422, "Unprocessable", "d").withErrors(Map.of("a", "b"));
        Problem located = original.withInstance("/book/1");
        assertEquals(new Problem("about:blank", "Unprocessable", 422, "d", "/book/1", null, Map.of("a", "b")),
                located);
    }

    @Test
    void keepsEveryOtherFieldWhenGivenErrors() {
        Problem original = Problem.of(400, "Bad Request", "d").withInstance("/book");
        assertEquals(new Problem("about:blank", "Bad Request", 400, "d", "/book", null, Map.of("a", "b")),
                original.withErrors(Map.of("a", "b")));
    }

    @Test
    void givesEachFactoryItsStatusAndTitle() {
        assertProblem(400, "Bad Request", ProblemException.badRequest("d"));
        assertProblem(400, "Bad Request", ProblemException.invalidField("f", "d"));
        assertProblem(401, "Unauthorized", ProblemException.unauthorized("d"));
        assertProblem(403, "Forbidden", ProblemException.forbidden("d"));
        assertProblem(404, "Not Found", ProblemException.notFound("d"));
        assertProblem(409, "Conflict", ProblemException.conflict("d"));
        assertProblem(413, "Content Too Large", ProblemException.payloadTooLarge("d"));
        assertProblem(415, "Unsupported Media Type", ProblemException.unsupportedMediaType("d"));
        assertProblem(503, "Service Unavailable", ProblemException.unavailable("d"));
    }

    private static void assertProblem(int status, String title, ProblemException e) {
        assertEquals(status, e.status());
        assertEquals(status, e.toProblem().status());
        assertEquals(title, e.toProblem().title());
    }

    @Test
    void asksForARetryOnlyWhenUnavailable() {
        assertEquals(5, ProblemException.unavailable("d").retryAfterSeconds());
        assertNull(ProblemException.conflict("d").retryAfterSeconds());
        assertNull(new ProblemException(418, "I'm a teapot", "d").retryAfterSeconds());
    }

    @Test
    void keepsTheDetailAsTheExceptionMessage() {
        ProblemException e = ProblemException.badRequest("the title is missing");
        assertEquals("the title is missing", e.getMessage());
        assertEquals("the title is missing", e.toProblem().detail());
        assertTrue(e.toProblem().errors().isEmpty());
    }
}
