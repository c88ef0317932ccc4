package io.stacks.book.domain;

import io.stacks.book.store.Book;
import java.time.Instant;

/** A book as the catalogue holds it, handed to the API (which never sees the entity). */
public record CatalogBook(String id, String title, String author, String isbn, int quantity, Instant createdAt,
        String createdBy, String createdById, Instant updatedAt) {

    static CatalogBook of(Book book) {
        return new CatalogBook(book.id, book.title, book.author, book.isbn, book.quantity, book.createdAt,
                book.createdBy, book.createdById, book.updatedAt);
    }
}
