package io.stacks.image.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A book as book-service returns it from GET /book/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Book(String id, String title, String author, String isbn, Integer quantity, Instant createdAt,
        String createdBy, String createdById) {
}
