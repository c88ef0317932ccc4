package io.stacks.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
@QuarkusTestResource(StubUpstreams.class)
class GatewayTest {

    private static final String PROBLEM = "application/problem+json";
    private static final long UPLOAD_BYTES = 20L * 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    // --- routing ---

    @ParameterizedTest
    @CsvSource({
            "/user, user-service",
            "/user/me?fields=name&x=1, user-service",
            "/auth/token?grant=basic, user-service",
            "/reset, user-service",
            "/reset/request?lang=en, user-service",
            "/.well-known/jwks.json, user-service",
            "/book/b-1/image, image-service",
            "/book/b-1/image/i-2?size=small, image-service",
            "/image, image-service",
            "/image/i-9/raw?download=true, image-service",
            "/book, book-service",
            "/book/b-1?expand=owner, book-service",
            "/shelf, book-service",
            "/shelf/s-1/entries?page=2&size=5, book-service",
            "/loan, book-service",
            "/loan/l-1/return, book-service" })
    void routesEachPrefixToItsServiceWithPathAndQueryIntact(String target, String service) {
        String requestId = newRequestId();
        given().header("X-Request-Id", requestId).get(target).then().statusCode(200);

        StubService expected = stub(service);
        StubService.Seen seen = expected.request(requestId).orElseThrow(() -> new AssertionError(service + " saw nothing"));
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : null;
        assertEquals("GET", seen.method());
        assertEquals(path, seen.path());
        assertEquals(query, seen.query());
        allStubs().filter(stub -> stub != expected)
                .forEach(other -> assertTrue(other.request(requestId).isEmpty(), other.name + " saw " + target));
    }

    @Test
    void sendsServicesTheirOwnHostAndForwardedHeaders() {
        String requestId = newRequestId();
        given().header("X-Request-Id", requestId).get("/book").then().statusCode(200);

        StubService.Seen seen = StubUpstreams.book.request(requestId).orElseThrow();
        assertEquals(URI.create(StubUpstreams.book.url()).getAuthority(), seen.header("Host"));
        assertEquals(gateway.getAuthority(), seen.header("X-Forwarded-Host"));
        assertEquals("http", seen.header("X-Forwarded-Proto"));
        assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
    }

    @ParameterizedTest
    @CsvSource({ "/internal/users", "/internal", "/book/../internal/users" })
    void neverRoutesInternalPaths(String path) {
        String requestId = newRequestId();
        given().header("X-Request-Id", requestId).urlEncodingEnabled(false).get(path).then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
        assertTrue(allStubs().allMatch(stub -> stub.request(requestId).isEmpty()));
    }

    @Test
    void answersItsOwnHealthAndNotTheServices() {
        String requestId = newRequestId();
        given().header("X-Request-Id", requestId).get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        assertTrue(allStubs().allMatch(stub -> stub.request(requestId).isEmpty()));
    }

    @Test
    void answersUnknownPathsWith404Problem() {
        given().get("/users").then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    // --- GET / ---

    @Test
    void rejectsTimeRequestWithoutCredentials() {
        given().get("/").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue())
                .body("status", equalTo(401), "title", equalTo("Unauthorized"), "requestId", notNullValue());
    }

    @Test
    void answersTimeForValidBasicCredentials() {
        String username = newUser("pw-1");
        Response response = given().header("Authorization", basic(username, "pw-1")).get("/");
        response.then().statusCode(200).contentType("application/json")
                .body("time", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
        Instant time = Instant.parse(response.path("time"));
        assertTrue(Duration.between(time, Instant.now()).abs().getSeconds() < 60);
    }

    @Test
    void answersTimeForValidBearerToken() {
        given().header("Authorization", "Bearer " + TestTokens.forNewUser(Roles.MEMBER)).get("/").then()
                .statusCode(200)
                .body("time", notNullValue());
    }

    @Test
    void rejectsTimeRequestWithServiceTokenMeantForAnotherService() {
        given().header("Authorization", "Bearer " + TestTokens.service("book-service", "image-service")).get("/")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void rejectsTimeRequestWithForgedBearerToken() {
        String[] parts = TestTokens.forNewUser(Roles.MEMBER).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"member\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", "Bearer " + forged).get("/").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue());
    }

    @Test
    void rejectsTimeRequestWithWrongBasicPasswordUsingUserServiceProblem() {
        String username = newUser("right");
        given().header("Authorization", basic(username, "wrong")).get("/").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .body("detail", equalTo("stub: wrong username or password"));
    }

    // --- Basic exchange on routed paths ---

    @Test
    void exchangesBasicCredentialsOnceForSeveralRequests() {
        String username = newUser("pw-2");
        int before = StubUpstreams.user.tokenRequests.get();
        String first = newRequestId();
        String second = newRequestId();
        given().header("Authorization", basic(username, "pw-2")).header("X-Request-Id", first).get("/book")
                .then().statusCode(200);
        given().header("Authorization", basic(username, "pw-2")).header("X-Request-Id", second).get("/shelf")
                .then().statusCode(200);

        assertEquals(1, StubUpstreams.user.tokenRequests.get() - before);
        String bearer = StubUpstreams.book.request(first).orElseThrow().header("Authorization");
        assertTrue(bearer.startsWith("Bearer ") && bearer.split("\\.").length == 3, bearer);
        assertEquals(bearer, StubUpstreams.book.request(second).orElseThrow().header("Authorization"));
    }

    @Test
    void rejectsWrongBasicPasswordWithoutForwarding() {
        String username = newUser("right");
        String requestId = newRequestId();
        given().header("Authorization", basic(username, "wrong")).header("X-Request-Id", requestId)
                .body("{\"title\":\"x\"}").contentType("application/json")
                .post("/book").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue())
                .header("X-Request-Id", requestId)
                .body("status", equalTo(401), "detail", equalTo("stub: wrong username or password"));
        assertTrue(StubUpstreams.book.request(requestId).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({ "Basic !!!not-base64!!!", "Basic bm8tY29sb24=", "Basic" })
    void rejectsMalformedBasicHeader(String authorization) {
        String requestId = newRequestId();
        int before = StubUpstreams.user.tokenRequests.get();
        given().header("Authorization", authorization).header("X-Request-Id", requestId).get("/book").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .body("status", equalTo(401), "detail", containsString("malformed"));
        assertTrue(StubUpstreams.book.request(requestId).isEmpty());
        assertEquals(before, StubUpstreams.user.tokenRequests.get());
    }

    @Test
    void passesBearerTokenThroughUnchanged() {
        String requestId = newRequestId();
        String authorization = "Bearer not.checked.here";
        given().header("Authorization", authorization).header("X-Request-Id", requestId).get("/loan").then()
                .statusCode(200);
        assertEquals(authorization, StubUpstreams.book.request(requestId).orElseThrow().header("Authorization"));
    }

    @Test
    void passesRequestsWithoutAuthorizationThrough() {
        String requestId = newRequestId();
        String body = "{\"username\":\"new@example.com\"}";
        given().header("X-Request-Id", requestId).contentType("application/json").body(body)
                .post("/user/register").then().statusCode(200);
        StubService.Seen seen = StubUpstreams.user.request(requestId).orElseThrow();
        assertNull(seen.header("Authorization"));
        assertEquals("POST", seen.method());
        assertEquals(body.length(), seen.bodyBytes());
    }

    @Test
    void answers503WhenUserServiceCannotCheckBasicCredentials() {
        String username = newUser("pw-3");
        StubUpstreams.user.stop();
        try {
            given().header("Authorization", basic(username, "pw-3")).get("/book").then()
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
        } finally {
            StubUpstreams.user.restart();
        }
    }

    @Test
    void forgetsCachedBasicCredentialsOnceResetIsConfirmed() {
        String username = newUser("old-password");
        given().header("Authorization", basic(username, "old-password")).get("/book").then().statusCode(200);
        int afterFirst = StubUpstreams.user.tokenRequests.get();
        given().header("Authorization", basic(username, "old-password")).get("/book").then().statusCode(200);
        assertEquals(afterFirst, StubUpstreams.user.tokenRequests.get(), "the second request used the cache");

        String resetToken = UUID.randomUUID().toString();
        StubUpstreams.user.resetTokens.put(resetToken, username);
        given().contentType("application/json")
                .body("{\"token\":\"" + resetToken + "\",\"password\":\"new-password\"}")
                .post("/reset/confirm").then()
                .statusCode(200)
                .contentType("application/json")
                .body("username", equalTo(username));

        given().header("Authorization", basic(username, "old-password")).get("/book").then()
                .statusCode(401)
                .contentType(PROBLEM);
        assertEquals(afterFirst + 1, StubUpstreams.user.tokenRequests.get(), "the old password was checked again");
        given().header("Authorization", basic(username, "new-password")).get("/book").then().statusCode(200);
    }

    @Test
    void forgetsCachedBasicCredentialsTypedInAnotherSpellingOnceResetIsConfirmed() {
        String username = newUser("old-password");
        String typed = " " + username.toUpperCase(Locale.ROOT) + " ";
        given().header("Authorization", basic(typed, "old-password")).get("/book").then().statusCode(200);
        int afterFirst = StubUpstreams.user.tokenRequests.get();
        given().header("Authorization", basic(typed, "old-password")).get("/book").then().statusCode(200);
        assertEquals(afterFirst, StubUpstreams.user.tokenRequests.get(), "the second request used the cache");

        confirmReset(username, "new-password");

        given().header("Authorization", basic(typed, "old-password")).get("/book").then()
                .statusCode(401)
                .contentType(PROBLEM);
        assertEquals(afterFirst + 1, StubUpstreams.user.tokenRequests.get(), "the old password was checked again");
        given().header("Authorization", basic(typed, "new-password")).get("/book").then().statusCode(200);
    }

    @Test
    void forgetsEverySpellingOfCachedBasicCredentialsOnceResetIsConfirmed() {
        String username = newUser("old-password");
        String upper = " " + username.toUpperCase(Locale.ROOT) + " ";
        String mixed = Character.toUpperCase(username.charAt(0)) + username.substring(1) + "\t";
        for (String spelling : List.of(username, upper, mixed)) {
            given().header("Authorization", basic(spelling, "old-password")).get("/book").then().statusCode(200);
        }

        confirmReset(upper, "new-password");

        for (String spelling : List.of(username, upper, mixed)) {
            given().header("Authorization", basic(spelling, "old-password")).get("/book").then()
                    .statusCode(401)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void sharesOneTokenExchangeAmongSpellingsOfAUsername() {
        String username = newUser("pw-4");
        int before = StubUpstreams.user.tokenRequests.get();
        List<String> requestIds = new ArrayList<>();
        for (String spelling : List.of(username, " " + username.toUpperCase(Locale.ROOT) + " ",
                Character.toUpperCase(username.charAt(0)) + username.substring(1))) {
            String requestId = newRequestId();
            requestIds.add(requestId);
            given().header("Authorization", basic(spelling, "pw-4")).header("X-Request-Id", requestId).get("/book")
                    .then().statusCode(200);
        }

        assertEquals(1, StubUpstreams.user.tokenRequests.get() - before, "user-service was asked once");
        String bearer = StubUpstreams.book.request(requestIds.get(0)).orElseThrow().header("Authorization");
        for (String requestId : requestIds) {
            assertEquals(bearer, StubUpstreams.book.request(requestId).orElseThrow().header("Authorization"));
        }
    }

    @Test
    void refusesAWrongPasswordWhileAnotherSpellingWithTheRightOneIsCached() {
        String username = newUser("right-password");
        given().header("Authorization", basic(username, "right-password")).get("/book").then().statusCode(200);
        String requestId = newRequestId();
        given().header("Authorization", basic(" " + username.toUpperCase(Locale.ROOT), "wrong-password"))
                .header("X-Request-Id", requestId).get("/book").then()
                .statusCode(401)
                .contentType(PROBLEM);
        assertTrue(StubUpstreams.book.request(requestId).isEmpty());
    }

    @Test
    void relaysRefusedResetConfirmationUnchanged() {
        given().contentType("application/json").body("{\"token\":\"unknown\",\"password\":\"x\"}")
                .post("/reset/confirm").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", equalTo("stub: unknown reset token"));
    }

    // --- request ids ---

    @Test
    void generatesRequestIdEchoesItAndSendsItUpstream() {
        String marker = UUID.randomUUID().toString();
        Response response = given().get("/book/" + marker);
        response.then().statusCode(200);
        assertEquals(1, response.headers().getValues("X-Request-Id").size());
        String requestId = response.header("X-Request-Id");
        StubService.Seen seen = StubUpstreams.book.seen.stream().filter(s -> s.path().equals("/book/" + marker))
                .findFirst().orElseThrow();
        assertEquals(requestId, seen.header("X-Request-Id"));
    }

    @Test
    void keepsIncomingRequestId() {
        String requestId = newRequestId();
        Response response = given().header("X-Request-Id", requestId).get("/image/x");
        response.then().statusCode(200).header("X-Request-Id", requestId);
        assertEquals(1, response.headers().getValues("X-Request-Id").size());
        assertTrue(StubUpstreams.image.request(requestId).isPresent());
    }

    // --- CORS ---

    @Test
    void answersCorsPreflightWithAllowedHeaders() {
        String requestId = newRequestId();
        given().header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, X-Request-Id")
                .header("X-Request-Id", requestId)
                .options("/book").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Authorization"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Content-Type"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("X-Request-Id"));
        assertTrue(StubUpstreams.book.request(requestId).isEmpty());
    }

    @Test
    void exposesPagingAndIdHeadersToBrowsers() {
        Response response = given().header("Origin", "https://app.example.com").get("/book");
        response.then().statusCode(200).header("Access-Control-Allow-Origin", "https://app.example.com");
        String exposed = response.header("Access-Control-Expose-Headers");
        for (String header : new String[] { "Location", "X-Request-Id", "X-Total-Count", "Link" }) {
            assertTrue(exposed.contains(header), exposed);
        }
    }

    // --- services down ---

    @Test
    void answers503ProblemWhenServiceIsDown() {
        String requestId = newRequestId();
        StubUpstreams.book.stop();
        try {
            given().header("X-Request-Id", requestId).get("/book").then()
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue())
                    .header("X-Request-Id", requestId)
                    .body("status", equalTo(503), "requestId", equalTo(requestId),
                            "detail", containsString("book-service"));
        } finally {
            StubUpstreams.book.restart();
        }
    }

    @Test
    void answers503ProblemWhenServiceStopsAnswering() {
        try {
            given().get("/book/b-1/never-answers").then()
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
        } finally {
            StubUpstreams.book.hold.countDown();
        }
    }

    @Test
    void resendsAGetOnceWhenTheServiceClosesTheConnectionUnanswered() {
        String path = "/book/" + UUID.randomUUID() + "/closes-once";
        given().get(path).then().statusCode(200).body("path", equalTo(path));
        assertEquals(2, StubUpstreams.book.seen.stream().filter(s -> s.path().equals(path)).count());
    }

    @Test
    void doesNotResendAPostWhenTheServiceClosesTheConnectionUnanswered() {
        String path = "/book/" + UUID.randomUUID() + "/closes-once";
        given().contentType("application/json").body("{\"title\":\"Emma\"}").post(path).then()
                .statusCode(503)
                .contentType(PROBLEM)
                .body("detail", containsString("book-service"));
        assertEquals(1, StubUpstreams.book.seen.stream().filter(s -> s.path().equals(path)).count());
    }

    @Test
    void staysReadyWhileServiceIsDown() {
        StubUpstreams.image.stop();
        try {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            StubUpstreams.image.restart();
        }
    }

    // --- streaming ---

    @Test
    void streamsLargeUploadWithLengthToService() throws Exception {
        // To book-service: image-service's routes have their own upload limit at the gateway (next tests).
        String requestId = newRequestId();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/book/upload"))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(UPLOAD_BYTES)), UPLOAD_BYTES))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(UPLOAD_BYTES, StubUpstreams.book.request(requestId).orElseThrow().bodyBytes());
    }

    @Test
    void refusesADeclaredImageUploadOverImageServicesLimitWith413Problem() throws Exception {
        String requestId = newRequestId();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/book/b-1/image"))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(7L * 1024 * 1024)), 7L * 1024 * 1024))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(requestId, response.headers().firstValue("X-Request-Id").orElseThrow());
        assertTrue(StubUpstreams.image.request(requestId).isEmpty(), "nothing of it reached image-service");
    }

    @Test
    void passesADeclaredImageUploadWithinTheLimit() throws Exception {
        String requestId = newRequestId();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/book/b-1/image"))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024]))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(5L * 1024 * 1024, StubUpstreams.image.request(requestId).orElseThrow().bodyBytes());
    }

    @Test
    void streamsLargeChunkedUploadToService() throws Exception {
        String requestId = newRequestId();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/book/b-1/image"))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> generated(UPLOAD_BYTES)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        StubService.Seen seen = StubUpstreams.image.request(requestId).orElseThrow();
        assertEquals(UPLOAD_BYTES, seen.bodyBytes());
        assertEquals("PUT", seen.method());
    }

    @Test
    void passesUploadOnWhileItIsStillBeingSent() throws Exception {
        String requestId = newRequestId();
        PipedOutputStream upload = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(upload, 64 * 1024);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/image/streamed"))
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source))
                .build();
        long before = StubUpstreams.image.bytesArriving.get();
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        byte[] megabyte = new byte[1024 * 1024];
        upload.write(megabyte);
        upload.flush();
        // A gateway that held the body whole would pass nothing on before the upload ends.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (StubUpstreams.image.bytesArriving.get() - before < megabyte.length / 2) {
            assertTrue(System.nanoTime() < deadline, "no part of the upload reached image-service while it was sent");
            Thread.onSpinWait();
        }
        upload.write(megabyte);
        upload.close();

        assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(2L * megabyte.length, StubUpstreams.image.request(requestId).orElseThrow().bodyBytes());
    }

    // --- metrics ---

    @Test
    void recordsRequestMetricsWithIdsCollapsed() {
        String bookId = UUID.randomUUID().toString();
        given().get("/book/" + bookId).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(bookId), "a book id became a metric tag");
        assertTrue(metrics.contains("uri=\"/book/{id}\""), "no metric for /book/{id}");
    }

    // --- /check-status ---

    @Test
    void reportsPlatformUpWhenEveryServiceIsReady() {
        given().get("/check-status").then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("UP"),
                        "services.user-service", equalTo("UP"),
                        "services.book-service", equalTo("UP"),
                        "services.image-service", equalTo("UP"),
                        "services.notification-service", equalTo("UP"));
    }

    @Test
    void reportsPlatformUnavailableWhenOneServiceIsDown() {
        StubUpstreams.notification.stop();
        try {
            given().get("/check-status").then()
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503),
                            "services.notification-service", equalTo("DOWN"),
                            "services.user-service", equalTo("UP"));
        } finally {
            StubUpstreams.notification.restart();
        }
    }

    @Test
    void documentsOwnEndpointsWithErrorResponses() {
        given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.'/'.get.responses.keySet()", hasItems("200", "401", "503"))
                .body("paths.'/check-status'.get.responses.keySet()", hasItems("200", "503"));
    }

    // --- helpers ---

    private static String newUser(String password) {
        String username = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        StubUpstreams.user.passwords.put(username, password);
        return username;
    }

    /** Sets a new password through the gateway with a reset token the user-service stub accepts for the user. */
    private static void confirmReset(String username, String newPassword) {
        String resetToken = UUID.randomUUID().toString();
        StubUpstreams.user.resetTokens.put(resetToken, StubService.normalised(username));
        given().contentType("application/json")
                .body("{\"token\":\"" + resetToken + "\",\"password\":\"" + newPassword + "\"}")
                .post("/reset/confirm").then()
                .statusCode(200)
                .body("username", equalTo(StubService.normalised(username)));
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }

    private static StubService stub(String service) {
        return allStubs().filter(stub -> stub.name.equals(service)).findFirst().orElseThrow();
    }

    private static Stream<StubService> allStubs() {
        return Stream.of(StubUpstreams.user, StubUpstreams.book, StubUpstreams.image, StubUpstreams.notification);
    }

    /** {@code size} bytes made up on the fly, so neither side needs them in memory. */
    private static InputStream generated(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}
