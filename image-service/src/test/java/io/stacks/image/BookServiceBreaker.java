package io.stacks.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.stacks.image.BookImageResourceTest.User;
import java.time.Duration;

/**
 * image-service's circuit breaker around book-service, from outside. The breaker is shared by every test of the
 * run, so a test that makes book-service fail leaves it as it found it: closed, and with no failure in its window.
 */
final class BookServiceBreaker {

    /** The breaker's requestVolumeThreshold: this many successes in a row push every failure out of its window. */
    private static final int WINDOW = 4;
    /** The breaker's delay (5 s) before it lets a request through again, with room to spare. */
    private static final Duration CLOSES_WITHIN = Duration.ofSeconds(15);

    private BookServiceBreaker() {
    }

    /** Brings book-service back and waits until image-service reaches it again, with a clean window. */
    static void awaitClosed() {
        BookStub.up();
        User reader = BookImageResourceTest.member();
        String bookId = BookImageResourceTest.bookOf(reader);
        long deadline = System.nanoTime() + CLOSES_WITHIN.toNanos();
        int successesInARow = 0;
        while (successesInARow < WINDOW) {
            int status = given().auth().oauth2(reader.token()).when().get("/book/{bookId}/image", bookId)
                    .statusCode();
            if (status == 200) {
                successesInARow++;
            } else {
                successesInARow = 0;
                if (System.nanoTime() > deadline) {
                    fail("image-service did not reach book-service again within " + CLOSES_WITHIN + " (last " + status
                            + ")");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
