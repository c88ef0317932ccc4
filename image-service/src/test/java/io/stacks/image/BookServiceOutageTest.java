package io.stacks.image;

import static io.restassured.RestAssured.given;
import static io.stacks.image.BookImageResourceTest.bookOf;
import static io.stacks.image.BookImageResourceTest.member;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stacks.image.BookImageResourceTest.User;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * image-service when book-service fails, hangs or answers "no such book": book look-ups are bounded (2 s, one
 * retry), and a circuit breaker (opens at half of 4 failing attempts, tries again after 5 s) turns a dead
 * book-service into a fast 503. Every test leaves the breaker closed with a clean window, for the other tests.
 */
@QuarkusTest
class BookServiceOutageTest {

    private static final String PROBLEM = "application/problem+json";
    /** Loose bound for an answer that needs no call to book-service. */
    private static final long FAST_MILLIS = 1000;
    /** Two attempts of at most 2 s each and the wait between them; a hung book-service never answers. */
    private static final long BOUNDED_MILLIS = 8000;
    /** The breaker's delay, and room for the request that finds it half-open. */
    private static final Duration RECOVERY = Duration.ofSeconds(12);
    /** Enough failing requests to open the breaker whatever its window held (each request makes two attempts). */
    private static final int REQUESTS_TO_OPEN = 6;

    @AfterEach
    void bookServiceAnswersAgain() {
        BookServiceBreaker.awaitClosed();
    }

    @Test
    void answers503ProblemNot500WhenBookServiceAnswers500() {
        User reader = member();
        String bookId = bookOf(reader);
        BookStub.failing();

        unavailable(list(reader, bookId));
    }

    @Test
    void answers503WhenBookServiceDoesNotAnswerInTime() {
        User reader = member();
        String bookId = bookOf(reader);
        BookStub.hanging();

        long start = System.nanoTime();
        Response response = list(reader, bookId);

        unavailable(response);
        assertThat(millisSince(start), lessThan(BOUNDED_MILLIS));
    }

    @Test
    void answersFastOnceTheBreakerIsOpen() {
        User reader = member();
        String bookId = bookOf(reader);
        BookStub.hanging();
        openBreaker(reader, bookId);
        int asked = BookStub.requestsReceived();

        long start = System.nanoTime();
        Response response = list(reader, bookId);
        long took = millisSince(start);

        unavailable(response);
        assertThat(took, lessThan(FAST_MILLIS));
        assertEquals(asked, BookStub.requestsReceived(), "book-service is not asked while the breaker is open");
    }

    @Test
    void recoversOnItsOwnOnceBookServiceAnswersAgain() {
        User reader = member();
        String bookId = bookOf(reader);
        BookStub.failing();
        openBreaker(reader, bookId);
        long opened = System.nanoTime();

        BookStub.up();

        // Still open: book-service is given its delay before it is asked again.
        unavailable(list(reader, bookId));
        long deadline = opened + RECOVERY.toNanos();
        while (list(reader, bookId).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                fail("image-service did not reach book-service again within " + RECOVERY);
            }
            pause();
        }
        assertThat(millisSince(opened), greaterThanOrEqualTo(4000L));
        list(reader, bookId).then().statusCode(200).body("$.size()", equalTo(0));
    }

    @Test
    void answers404ForUnknownBooksWithoutOpeningTheBreaker() {
        User reader = member();
        String bookId = bookOf(reader);
        int asked = BookStub.requestsReceived();

        for (int i = 0; i < 10; i++) {
            list(reader, UUID.randomUUID().toString()).then().statusCode(404).contentType(PROBLEM)
                    .body("status", equalTo(404));
        }

        list(reader, bookId).then().statusCode(200).header("X-Total-Count", "0");
        assertEquals(asked + 11, BookStub.requestsReceived(), "each look-up reached book-service once");
    }

    /**
     * Sends failing requests until the breaker has opened: a 503 for which book-service was not asked. Every answer
     * on the way must be a 503 problem too.
     */
    private static void openBreaker(User reader, String bookId) {
        for (int i = 0; i < REQUESTS_TO_OPEN; i++) {
            int asked = BookStub.requestsReceived();
            unavailable(list(reader, bookId));
            if (BookStub.requestsReceived() == asked) {
                return;
            }
        }
        fail("the breaker did not open after " + REQUESTS_TO_OPEN + " failing requests");
    }

    private static Response list(User reader, String bookId) {
        return given().auth().oauth2(reader.token()).when().get("/book/{bookId}/image", bookId);
    }

    private static void unavailable(Response response) {
        response.then().statusCode(503).contentType(PROBLEM).body("status", equalTo(503))
                .header("Retry-After", notNullValue());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
