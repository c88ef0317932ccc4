package io.stacks.notification.domain;

/** What became of a mail request: its delivery and where that stands. */
public record MailOutcome(String deliveryId, DeliveryStatus status) {
}
