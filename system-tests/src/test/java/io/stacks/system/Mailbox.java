package io.stacks.system;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user's inbox at GreenMail, read through its REST API as a person would read their mail. */
final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    private Mailbox() {
    }

    /** The raw messages (subject and MIME source) of the user's inbox; none for an address never written to. */
    static List<String> messages(String email) {
        Response inbox = given().baseUri(RunningStack.endpoint("mailApi")).get("/api/user/{email}/messages/INBOX", email);
        if (inbox.statusCode() == 400 && inbox.asString().contains("not found")) {
            return List.of(); // GreenMail knows a mailbox only once mail has arrived for it
        }
        return inbox.then().statusCode(200).extract().jsonPath().getList("$").stream().map(Object::toString).toList();
    }

    /** Waits for the n-th message whose subject contains the words, and returns the token its link carries. */
    static String awaitToken(String email, String subjectWords, int nth) {
        // Generous: on a loaded two-core machine the outbox and the mail server can take many seconds.
        return awaitToken(email, subjectWords, nth, Duration.ofSeconds(60));
    }

    static String awaitToken(String email, String subjectWords, int nth, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> matching = count(email, subjectWords);
            if (matching.size() >= nth) {
                Matcher token = TOKEN.matcher(unfold(matching.get(nth - 1)));
                if (token.find()) {
                    return token.group(1);
                }
                throw new AssertionError("no token=... link in the mail: " + matching.get(nth - 1));
            }
            pause();
        }
        throw new AssertionError("no mail '" + subjectWords + "' for " + email + " within " + timeout.toSeconds()
                + " s");
    }

    static List<String> count(String email, String subjectWords) {
        return messages(email).stream().filter(m -> m.contains(subjectWords)).toList();
    }

    /** Undoes quoted-printable soft line breaks and '=' escapes, which a mail client would do too. */
    private static String unfold(String mime) {
        return mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
