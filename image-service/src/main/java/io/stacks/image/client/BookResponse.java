package io.stacks.image.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The fields image-service reads of book-service's GET /book/{id} answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookResponse(String id, String title, String author, String isbn, Integer quantity, Instant createdAt,
        String createdBy, String createdById) {
}
