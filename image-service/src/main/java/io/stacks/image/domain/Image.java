package io.stacks.image.domain;

import io.stacks.image.store.ImageEntity;
import java.time.Instant;

/** An image's metadata, as the domain hands it to the API. */
public record Image(String id, String bookId, String contentType, long size, Instant createdAt,
        Instant updatedAt) {

    static Image of(ImageEntity entity) {
        return new Image(entity.id, entity.bookId, entity.contentType, entity.sizeBytes, entity.createdAt,
                entity.updatedAt);
    }
}
