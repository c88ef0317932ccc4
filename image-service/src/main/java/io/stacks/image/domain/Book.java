package io.stacks.image.domain;

import java.time.Instant;

/** The book an image belongs to: what it is, and whose it is (ownerId may change its images). */
public record Book(String id, String title, String author, String isbn, Integer quantity, Instant createdAt,
        String createdBy, String ownerId) {
}
