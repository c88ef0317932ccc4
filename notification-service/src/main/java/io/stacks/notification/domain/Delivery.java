package io.stacks.notification.domain;

import java.time.Instant;

/** One e-mail handed to the mail server, as recorded before it is sent. */
public record Delivery(String id, String to, MailTemplate template, String subject, String requestId,
        Instant requestedAt, Instant expiresAt) {
}
