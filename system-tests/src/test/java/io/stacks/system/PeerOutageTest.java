package io.stacks.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.stacks.devstack.Backends;
import io.stacks.devstack.Service;
import io.stacks.devstack.TestIsbns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Side effects survive a peer that is down, a relay that crashes and a second relay on the same outbox: the
 * request that causes them succeeds at once, and they happen, once, when the peer is back. Real processes are
 * stopped and started; each test leaves every service running again.
 */
@ExtendWith(RunningStack.class)
class PeerOutageTest {

    /** The relay backs off up to a few seconds per attempt while a peer is down; a restart takes seconds too. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @Test
    void signUpSucceedsWhileNotificationServiceIsDownAndTheMailArrivesOnceItIsBack() {
        String username = Accounts.newUsername();
        RunningStack.stack().stop(Service.NOTIFICATION, false);
        try {
            signUp(username);
            given().auth().preemptive().basic(username, Accounts.PASSWORD).get("/").then().statusCode(403);
        } finally {
            RunningStack.stack().restart(Service.NOTIFICATION);
        }
        long back = System.nanoTime();
        String token = Mailbox.awaitToken(username, "Confirm", 1, RECOVERY);
        System.out.printf("verification mail delivered %.1f s after notification-service was ready again%n",
                (System.nanoTime() - back) / 1e9);
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/user/verify").then().statusCode(200);
        assertEquals(1, Mailbox.count(username, "Confirm").size());
    }

    @Test
    void bookDeleteSucceedsWhileImageServiceIsDownAndItsImagesGoOnceItIsBack() {
        String username = Accounts.verifiedUser();
        String bookId = given().auth().preemptive().basic(username, Accounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("title", "Kindred", "author", "Octavia E. Butler", "isbn", TestIsbns.random(),
                        "quantity", 1))
                .post("/book").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 2; i++) {
            given().auth().preemptive().basic(username, Accounts.PASSWORD)
                    .multiPart("file", "cover.png", Images.of("png", 0x336699 + i), "image/png")
                    .post("/book/{id}/image", bookId).then().statusCode(201);
        }
        assertEquals(2, storedObjectsOf(bookId));
        assertEquals(2, imageRowsOf(bookId));

        RunningStack.stack().stop(Service.IMAGE, false);
        try {
            given().auth().preemptive().basic(username, Accounts.PASSWORD).delete("/book/{id}", bookId)
                    .then().statusCode(204);
            given().auth().preemptive().basic(username, Accounts.PASSWORD).get("/book/{id}", bookId)
                    .then().statusCode(404);
        } finally {
            RunningStack.stack().restart(Service.IMAGE);
        }
        long back = System.nanoTime();
        await("the book's images and their S3 objects are deleted",
                () -> imageRowsOf(bookId) == 0 && storedObjectsOf(bookId) == 0);
        System.out.printf("book images deleted %.1f s after image-service was ready again%n",
                (System.nanoTime() - back) / 1e9);
    }

    @Test
    void relayKilledWithAPendingMailDeliversItOnceAfterRestart() {
        String username = Accounts.newUsername();
        RunningStack.stack().stop(Service.NOTIFICATION, false);
        try {
            signUp(username);
            RunningStack.stack().stop(Service.USER, true); // a crash: the event stays in the outbox
        } finally {
            RunningStack.stack().restart(Service.NOTIFICATION);
            RunningStack.stack().restart(Service.USER);
        }
        Mailbox.awaitToken(username, "Confirm", 1, RECOVERY);
        assertNoSecondMail(List.of(username));
    }

    @Test
    void twoRelaysOnOneOutboxSendEachMailOnce() throws Exception {
        String second = RunningStack.stack().startAnotherInstance(Service.USER, freePort());
        List<String> usernames = new ArrayList<>();
        RunningStack.stack().stop(Service.NOTIFICATION, false);
        try {
            for (int i = 0; i < 12; i++) {
                String username = Accounts.newUsername();
                // Half through the gateway (first instance), half straight to the second: both relays hold events.
                given().baseUri(i % 2 == 0 ? RunningStack.endpoint("gateway") : second).contentType(ContentType.JSON)
                        .body(Map.of("username", username, "password", Accounts.PASSWORD))
                        .post("/user/register").then().statusCode(201);
                usernames.add(username);
            }
        } finally {
            RunningStack.stack().restart(Service.NOTIFICATION);
        }
        for (String username : usernames) {
            Mailbox.awaitToken(username, "Confirm", 1, RECOVERY);
        }
        assertNoSecondMail(usernames);
    }

    private static void signUp(String username) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", Accounts.PASSWORD))
                .post("/user/register").then().statusCode(201);
    }

    private static long storedObjectsOf(String bookId) {
        Path folder = RunningStack.dataDir().resolve("s3").resolve("data").resolve(Backends.BUCKET).resolve("books")
                .resolve(bookId);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long imageRowsOf(String bookId) {
        try (Connection connection = DriverManager.getConnection(RunningStack.endpoint("mysql") + "images", "root", "");
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM images WHERE book_id = ?")) {
            count.setString(1, bookId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A repeated delivery would land within a relay poll or two: watch for 5 s that none does. */
    private static void assertNoSecondMail(List<String> usernames) {
        boolean duplicate = await("a second verification mail",
                () -> usernames.stream().anyMatch(username -> Mailbox.count(username, "Confirm").size() > 1),
                Duration.ofSeconds(5));
        assertTrue(!duplicate, "a verification mail was sent twice");
        usernames.forEach(username -> assertEquals(1, Mailbox.count(username, "Confirm").size(), username));
    }

    private static void await(String what, BooleanSupplier condition) {
        if (!await(what, condition, RECOVERY)) {
            throw new AssertionError(what + ": not within " + RECOVERY.toSeconds() + " s");
        }
    }

    /** Polls until the condition holds or the time is up; whether it held. */
    private static boolean await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
