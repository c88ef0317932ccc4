package io.stacks.image.api;

import io.stacks.image.domain.Book;
import io.stacks.image.domain.Image;
import io.stacks.platform.api.PublicUrl;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An image of a book as clients see it.
 *
 * @param url where the image's bytes are served (through the gateway)
 * @param size in bytes
 */
@Schema(name = "Image")
public record ImageView(String id, String url, String bookId, String contentType, long size, Instant createdAt,
        Instant updatedAt, BookSummary book) {

    /** The book the image belongs to, as S0 clients expect it beside the image. */
    @Schema(name = "ImageBook")
    public record BookSummary(String id, String title, String author, String isbn, Integer quantity,
            Instant createdAt, String createdBy, String createdById) {
    }

    static ImageView of(Image image, Book book, PublicUrl publicUrl) {
        return new ImageView(image.id(), publicUrl.of(Paths.image(image.bookId(), image.id()) + "/content"),
                image.bookId(), image.contentType(), image.size(), image.createdAt(), image.updatedAt(),
                new BookSummary(book.id(), book.title(), book.author(), book.isbn(), book.quantity(),
                        book.createdAt(), book.createdBy(), book.ownerId()));
    }
}
