package io.stacks.book.api;

import io.stacks.book.domain.CatalogBook;
import java.time.Instant;

/** A book as the API shows it; createdBy is the username, createdById the user id that owns it. */
public record BookView(String id, String title, String author, String isbn, int quantity, Instant createdAt,
        String createdBy, String createdById, Instant updatedAt) {

    static BookView of(CatalogBook book) {
        return new BookView(book.id(), book.title(), book.author(), book.isbn(), book.quantity(), book.createdAt(),
                book.createdBy(), book.createdById(), book.updatedAt());
    }
}
