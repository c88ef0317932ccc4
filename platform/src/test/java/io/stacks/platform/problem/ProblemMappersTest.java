package io.stacks.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.stacks.platform.testing.RequestUri;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class ProblemMappersTest {

    private static final String GENERIC_FAILURE = "the service could not complete the request";

    /** The shapes a resource reads from JSON. */
    public record Book(String title, int pages, Boolean available) {
    }

    public record Shelf(String name, List<Book> books) {
    }

    private final ProblemMappers mappers = new ProblemMappers();
    private final UriInfo uri = RequestUri.of("http://book-service:8080/book/42?view=full");
    private final ObjectMapper json = new ObjectMapper();

    private static Problem problemOf(Response response) {
        return assertInstanceOf(Problem.class, response.getEntity());
    }

    private static void assertProblemJson(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals(status, problemOf(response).status());
        assertEquals("/book/42", problemOf(response).instance());
    }

    private <T> JsonProcessingException readFailure(String body, Class<T> type) {
        return assertThrows(JsonProcessingException.class, () -> json.readValue(body, type));
    }

    // ProblemException

    @Test
    void answersAProblemExceptionWithItsStatusAsProblemJson() {
        Map<ProblemException, Integer> expected = Map.of(
                ProblemException.badRequest("d"), 400,
                ProblemException.invalidField("f", "d"), 400,
                ProblemException.unauthorized("d"), 401,
                ProblemException.forbidden("d"), 403,
                ProblemException.notFound("d"), 404,
                ProblemException.conflict("d"), 409,
                ProblemException.payloadTooLarge("d"), 413,
                ProblemException.unsupportedMediaType("d"), 415,
                ProblemException.unavailable("d"), 503);
        expected.forEach((exception, status) -> assertProblemJson(mappers.problem(exception, uri), status));
    }

    @Test
    void givesTheInstanceAsThePathWithoutQuery() {
        Response response = mappers.problem(ProblemException.notFound("no book 42"), uri);
        assertEquals("/book/42", problemOf(response).instance());
    }

    @Test
    void keepsThePathOfTheInstanceEncoded() {
        Response response = mappers.problem(ProblemException.notFound("x"), RequestUri.of("http://svc/book/a%20b"));
        assertEquals("/book/a%20b", problemOf(response).instance());
    }

    @Test
    void carriesTheDetailAndTitleOfAProblemException() {
        Problem problem = problemOf(mappers.problem(ProblemException.conflict("the isbn is taken"), uri));
        assertEquals("Conflict", problem.title());
        assertEquals("the isbn is taken", problem.detail());
    }

    @Test
    void carriesTheFieldErrorsOfAnInvalidField() {
        Problem problem = problemOf(mappers.problem(ProblemException.invalidField("isbn", "must have 13 digits"), uri));
        assertEquals(Map.of("isbn", "must have 13 digits"), problem.errors());
    }

    @Test
    void asksForARetryAfterFiveSecondsWhenUnavailable() {
        Response response = mappers.problem(ProblemException.unavailable("storage is down"), uri);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void asksForNoRetryOnAClientError() {
        assertNull(mappers.problem(ProblemException.conflict("d"), uri).getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    // Unexpected failures

    @Test
    void mapsAnUnreachableDatabaseTo503WithRetryAfter() {
        Exception failure = new RuntimeException("could not open connection", new SQLTransientConnectionException(
                "Communications link failure to jdbc:mysql://db.internal:3306/books"));
        Response response = mappers.unexpected(failure, uri);
        assertProblemJson(response, 503);
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals("the service's database is unavailable; try again shortly", problemOf(response).detail());
    }

    @Test
    void namesNoJavaClassNorInternalMessageWhenADependencyIsDown() {
        Response response = mappers.unexpected(new IllegalStateException("wrapper",
                new SdkClientException("Unable to execute HTTP request: s3.internal")), uri);
        String detail = problemOf(response).detail();
        assertEquals(503, response.getStatus());
        assertFalse(detail.contains("Exception") || detail.contains("software.") || detail.contains("s3.internal"),
                detail);
    }

    @Test
    void mapsAnUnexpectedFailureTo500WithAGenericDetail() {
        Response response = mappers.unexpected(new IllegalStateException("secret: row 7 of table users is odd"), uri);
        assertProblemJson(response, 500);
        Problem problem = problemOf(response);
        assertEquals("Internal Server Error", problem.title());
        assertEquals(GENERIC_FAILURE, problem.detail());
        assertNull(response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    // Bodies that are not the expected JSON

    @Test
    void reportsAWrongTypeForARecordFieldPerField() {
        JsonProcessingException failure = readFailure("{\"title\":\"Dune\",\"pages\":\"many\"}", Book.class);
        Response response = mappers.wrongType(assertInstanceOf(InvalidFormatException.class, failure), uri);
        assertProblemJson(response, 400);
        assertEquals(Map.of("pages", "must be of type number"), problemOf(response).errors());
        assertEquals("pages: must be of type number", problemOf(response).detail());
    }

    @Test
    void reportsAnObjectWhereAStringBelongsPerField() {
        JsonProcessingException failure = readFailure("{\"title\":{\"en\":\"Dune\"}}", Book.class);
        Response response = mappers.mismatched(assertInstanceOf(MismatchedInputException.class, failure), uri);
        assertProblemJson(response, 400);
        assertEquals(Map.of("title", "must be of type string"), problemOf(response).errors());
    }

    @Test
    void reportsAWrongBooleanPerField() {
        JsonProcessingException failure = readFailure("{\"available\":\"perhaps\"}", Book.class);
        Response response = mappers.mismatched((MismatchedInputException) failure, uri);
        assertEquals(Map.of("available", "must be of type boolean"), problemOf(response).errors());
    }

    @Test
    void namesTheFullPathOfAWrongFieldInAList() {
        JsonProcessingException failure = readFailure("{\"books\":[{\"pages\":1},{\"pages\":\"x\"}]}", Shelf.class);
        Response response = mappers.mismatched((MismatchedInputException) failure, uri);
        assertEquals(Map.of("books[1].pages", "must be of type number"), problemOf(response).errors());
    }

    @Test
    void reportsABodyOfTheWrongShapeWithoutFieldErrors() {
        JsonProcessingException failure = readFailure("[1, 2]", Book.class);
        Response response = mappers.mismatched(assertInstanceOf(MismatchedInputException.class, failure), uri);
        assertProblemJson(response, 400);
        assertEquals("the request body does not have the expected JSON shape", problemOf(response).detail());
        assertNull(problemOf(response).errors());
    }

    @Test
    void reportsMalformedJsonAs400() {
        JsonProcessingException failure = readFailure("{\"title\": \"Dune\" \"pages\": 3}", Book.class);
        Response response = mappers.malformed(failure, uri);
        assertProblemJson(response, 400);
        assertTrue(problemOf(response).detail().startsWith("the request body is not valid JSON ("),
                problemOf(response).detail());
    }

    @Test
    void unwrapsAMismatchTheJsonReaderReportedAsA400() {
        JsonProcessingException failure = readFailure("{\"pages\":\"many\"}", Book.class);
        Response response = mappers.web(new WebApplicationException(failure, 400), uri);
        assertProblemJson(response, 400);
        assertEquals(Map.of("pages", "must be of type number"), problemOf(response).errors());
    }

    @Test
    void unwrapsMalformedJsonTheJsonReaderReportedAsA400() {
        JsonProcessingException failure = readFailure("{oops", Book.class);
        Response response = mappers.web(new WebApplicationException(failure, 400), uri);
        assertProblemJson(response, 400);
        assertTrue(problemOf(response).detail().startsWith("the request body is not valid JSON"));
    }

    // Bean Validation

    /** A resource method as RESTEasy validates it: the parameter is named "request". */
    public static class BookResource {
        public void create(@Valid NewBook request) {
        }
    }

    public record NewBook(@NotBlank String title, @Min(1) int pages,
            @Size(min = 13, max = 13) @Pattern(regexp = "[0-9]*") String isbn,
            @Size(max = 2) List<@NotBlank String> tags) {
    }

    private static ValidatorFactory validation;

    @BeforeAll
    static void startValidation() {
        validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    }

    @AfterAll
    static void stopValidation() {
        validation.close();
    }

    private static ConstraintViolationException violationsOf(NewBook request) throws NoSuchMethodException {
        Validator validator = validation.getValidator();
        Method create = BookResource.class.getMethod("create", NewBook.class);
        return new ConstraintViolationException(validator.forExecutables()
                .validateParameters(new BookResource(), create, new Object[] { request }));
    }

    @Test
    void reportsEachInvalidPropertyByItsPathInTheBody() throws Exception {
        Response response = mappers.invalid(violationsOf(new NewBook(" ", 0, null, List.of())), uri);
        assertProblemJson(response, 400);
        Problem problem = problemOf(response);
        assertEquals(Map.of("title", "must not be blank", "pages", "must be greater than or equal to 1"),
                problem.errors());
        assertEquals("pages: must be greater than or equal to 1, title: must not be blank", problem.detail());
    }

    @Test
    void joinsTwoViolationsOfOneProperty() throws Exception {
        Response response = mappers.invalid(violationsOf(new NewBook("Dune", 1, "abc", List.of())), uri);
        Map<String, String> errors = problemOf(response).errors();
        assertEquals(Set.of("isbn"), errors.keySet());
        assertEquals(Set.of("size must be between 13 and 13", "must match \"[0-9]*\""),
                Set.of(errors.get("isbn").split("; ")));
    }

    @Test
    void reportsAViolationOfAListAndOfOneOfItsElementsApart() throws Exception {
        Response response = mappers.invalid(violationsOf(new NewBook("Dune", 1, null, List.of("a", "b", " "))), uri);
        Map<String, String> errors = problemOf(response).errors();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("size must be between 0 and 2", errors.get("tags"));
        assertTrue(errors.keySet().stream().anyMatch(field -> field.startsWith("tags[2]")), errors.toString());
    }

    @Test
    void namesAViolationOfAValidatedObjectByItsProperty() {
        ConstraintViolationException e = new ConstraintViolationException(
                validation.getValidator().validate(new NewBook("", 3, null, List.of())));
        assertEquals(Map.of("title", "must not be blank"), problemOf(mappers.invalid(e, uri)).errors());
    }

    // Security

    @Test
    void answersAMissingOrBadTokenWith401AndABearerChallenge() {
        for (RuntimeException e : List.of(new UnauthorizedException(), new AuthenticationFailedException("bad sig"))) {
            Response response = mappers.unauthorized(e, uri);
            assertProblemJson(response, 401);
            assertEquals("Bearer realm=\"stacks\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
            assertEquals("valid credentials are required", problemOf(response).detail());
        }
    }

    @Test
    void answersAMissingPermissionWith403() {
        Response response = mappers.forbidden(new ForbiddenException("role staff required"), uri);
        assertProblemJson(response, 403);
        assertEquals("you are not allowed to do this", problemOf(response).detail());
    }

    // JAX-RS's own failures

    @Test
    void explainsAnUnknownPathInsteadOfRepeatingTheStatus() {
        Response response = mappers.web(new NotFoundException(), uri);
        assertProblemJson(response, 404);
        assertEquals("Not Found", problemOf(response).title());
        assertEquals("no resource at this path", problemOf(response).detail());
    }

    @Test
    void keepsTheMessageOfAClientErrorARequestRaised() {
        Response response = mappers.web(new NotFoundException("no book 42"), uri);
        assertEquals("no book 42", problemOf(response).detail());
    }

    @Test
    void keepsTheHeadersOfAJaxRsFailureButNotItsContentType() {
        Response response = mappers.web(new NotAllowedException("GET", new String[] { "PUT" }), uri);
        assertProblemJson(response, 405);
        assertEquals("this method is not allowed on this resource", problemOf(response).detail());
        String allow = response.getHeaderString(HttpHeaders.ALLOW);
        assertTrue(allow.contains("GET") && allow.contains("PUT"), allow);
    }

    @Test
    void replacesTheContentTypeOfAJaxRsFailure() {
        Response original = Response.status(406).type("text/html").build();
        Response response = mappers.web(new WebApplicationException(original), uri);
        assertEquals(Problem.MEDIA_TYPE, response.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals(1, response.getHeaders().get(HttpHeaders.CONTENT_TYPE).size());
        assertEquals("the resource cannot produce any of the accepted media types", problemOf(response).detail());
    }

    @Test
    void hidesTheMessageOfAServerSideJaxRsFailure() {
        Response response = mappers.web(new WebApplicationException("pool exhausted at Foo.java:12", 502), uri);
        assertProblemJson(response, 502);
        assertEquals(GENERIC_FAILURE, problemOf(response).detail());
    }

    // A form body that cannot be read

    @Test
    void answersAFormBodyTheReaderCouldNotParseWith400() {
        java.io.IOException broken = new java.io.IOException("Connection terminated parsing multipart request");
        broken.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.jboss.resteasy.reactive.server.core.multipart.MultipartParser", "parse", "M.java", 1),
            new StackTraceElement("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler", "handle", "F.java", 95) });
        Response response = mappers.unexpected(broken, uri);
        assertProblemJson(response, 400);
        assertTrue(problemOf(response).detail().contains("multipart/form-data"));
        assertFalse(problemOf(response).detail().contains("Connection terminated"));
    }

    @Test
    void answersTooManyFormPartsWith400() {
        RuntimeException tooMany = new RuntimeException("Param limit of 1000 was exceeded");
        tooMany.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.jboss.resteasy.reactive.server.core.multipart.FormData", "add", "F.java", 94),
            new StackTraceElement("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler", "handle", "F.java", 95) });
        assertProblemJson(mappers.unexpected(new IllegalStateException("wrapped", tooMany), uri), 400);
    }

    @Test
    void keepsAFailureOutsideTheFormReaderA500() {
        assertProblemJson(mappers.unexpected(new java.io.IOException("disk full"), uri), 500);
    }
}
