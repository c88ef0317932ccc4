package io.stacks.notification.domain;

/** Where a delivery stands: PENDING until the mail server answered, then SENT or FAILED. */
public enum DeliveryStatus {
    PENDING, SENT, FAILED
}
