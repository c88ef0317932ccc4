package io.stacks.outbox;

/** The outbox table could not be read or written; in a caller's transaction this rolls the change back. */
public class OutboxException extends RuntimeException {

    OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
