package io.stacks.book;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stacks.book.ImageServiceStub.Received;
import io.stacks.book.OutboxTable.Row;
import io.stacks.devstack.TestIsbns;
import io.stacks.devstack.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deleting a book: the book goes at once, and its images go after commit, through the outbox, by a request to
 * image-service with book-service's own service token ({@link ImageServiceStub} stands in for image-service; the
 * stand-ins and the token issuer are declared on {@link BookResourceTest}).
 */
@QuarkusTest
class BookDeletionTest {

    private static final String PROBLEM = "application/problem+json";
    /** Generous: the relay is woken at commit, and otherwise polls every couple of seconds. */
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    /** Enough for a few failed attempts with exponential backoff (1 s, 2 s, 4 s, jittered) and polling. */
    private static final Duration RETRIES = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ownerId = UUID.randomUUID().toString();
    private final String owner = TestTokens.mint(ownerId, "owner-" + ownerId.substring(0, 8) + "@example.com", "member");
    private final List<String> failingBooks = new ArrayList<>();

    @AfterEach
    void imageServiceAnswersAgain() {
        failingBooks.forEach(ImageServiceStub::recover);
    }

    @Test
    void deletesBookAtOnceAndItsImagesAfterCommit() {
        String id = create();

        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);

        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(404).contentType(PROBLEM);
        Received delivery = Await.until("image-service is asked to delete the book's images", DELIVERY,
                () -> ImageServiceStub.receivedFor(id), received -> !received.isEmpty()).get(0);
        assertEquals("DELETE", delivery.method());
        assertThat(delivery.idempotencyKey(), not(blankOrNullString()));
        JsonNode claims = claimsOf(delivery.authorization());
        assertEquals("book-service", claims.path("sub").asText());
        assertEquals(List.of("image-service"), audienceOf(claims));
        assertThat(textsOf(claims.path("groups")), hasItem("service"));
    }

    @Test
    void forgetsTheEventOnceImageServiceHasDeletedTheImages() {
        String id = create();

        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);

        Await.until("image-service has deleted the book's images", DELIVERY, () -> ImageServiceStub.receivedFor(id),
                received -> received.stream().anyMatch(request -> request.answered() == 204));
        Await.until("the delivered event has left the outbox", DELIVERY, () -> OutboxTable.eventOf(id),
                Optional::isEmpty);
        assertEquals(1, ImageServiceStub.receivedFor(id).size());
    }

    @Test
    void deletesBookWhileImageServiceIsDownAndItsImagesOnceItIsBack() {
        String id = create();
        failing(id, 503);

        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(404).contentType(PROBLEM);

        List<Received> failed = Await.until("image-service is asked again after failing", RETRIES,
                () -> ImageServiceStub.receivedFor(id), received -> received.size() >= 3);
        String key = failed.get(0).idempotencyKey();
        assertThat(key, notNullValue());
        assertThat(failed.stream().map(Received::idempotencyKey).toList(), everyItem(equalTo(key)));
        Row pending = OutboxTable.eventOf(id).orElseThrow();
        assertEquals("PENDING", pending.status());
        assertEquals(key, pending.id());
        assertEquals("book.deleted", pending.type());

        ImageServiceStub.recover(id);

        List<Received> all = Await.until("the images are deleted once image-service is back", RETRIES,
                () -> ImageServiceStub.receivedFor(id),
                received -> received.get(received.size() - 1).answered() == 204);
        assertEquals(key, all.get(all.size() - 1).idempotencyKey());
        Await.until("the delivered event has left the outbox", DELIVERY, () -> OutboxTable.eventOf(id),
                Optional::isEmpty);
    }

    @Test
    void waitsLongerBeforeEachRetry() {
        String id = create();
        failing(id, 500);

        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);

        List<Received> failed = Await.until("three failed attempts", RETRIES, () -> ImageServiceStub.receivedFor(id),
                received -> received.size() >= 3);
        // Backoff 1 s, then 2 s, each jittered to no less than half: the waits are at least 0.5 s and 1 s.
        long first = failed.get(1).atMillis() - failed.get(0).atMillis();
        long second = failed.get(2).atMillis() - failed.get(1).atMillis();
        assertThat(first, greaterThanOrEqualTo(450L));
        assertThat(second, greaterThanOrEqualTo(950L));
        assertThat(OutboxTable.eventOf(id).orElseThrow().lastError(), containsString("500"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 404 })
    void marksEventDeadWhenImageServiceRefusesIt(int refusal) throws InterruptedException {
        String id = create();
        failing(id, refusal);

        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);

        Row dead = Await.until("the event is given up", DELIVERY, () -> OutboxTable.eventOf(id).orElse(null),
                row -> row != null && "DEAD".equals(row.status()));
        assertThat(dead.lastError(), containsString("HTTP " + refusal));
        assertEquals(1, dead.attempts());
        // Absence takes a wait: two polls and more than the first backoff pass without another attempt.
        Duration poll = ConfigProvider.getConfig().getValue("stacks.outbox.poll-interval", Duration.class);
        Thread.sleep(poll.multipliedBy(2).plusSeconds(1).toMillis());
        assertEquals(1, ImageServiceStub.receivedFor(id).size());
        assertEquals("DEAD", OutboxTable.eventOf(id).orElseThrow().status());
    }

    @Test
    void recordsNothingWhenTheDeleteIsForbidden() {
        String id = create();

        given().auth().oauth2(TestTokens.forNewUser("member")).delete("/book/" + id).then().statusCode(403);

        assertTrue(OutboxTable.eventOf(id).isEmpty());
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(200);
    }

    private void failing(String bookId, int status) {
        failingBooks.add(bookId);
        ImageServiceStub.answer(bookId, status);
    }

    private String create() {
        return given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("title", "Dune", "author", "Frank Herbert", "isbn", TestIsbns.random(), "quantity", 1))
                .post("/book").then().statusCode(201).extract().path("id");
    }

    /** The claims of a bearer token, read without verifying it (image-service verifies; here only who it names). */
    private static JsonNode claimsOf(String authorization) {
        assertThat(authorization, startsWith("Bearer "));
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        assertEquals(3, parts.length, "a signed JWT");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** aud is a string or an array of them. */
    private static List<String> audienceOf(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? textsOf(aud) : List.of(aud.asText());
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
