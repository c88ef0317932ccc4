package io.stacks.book.domain;

import io.stacks.book.store.Book;
import io.stacks.outbox.Outbox;
import io.stacks.outbox.PeerRequest;
import io.stacks.book.store.BookRepository;
import io.stacks.platform.auth.Caller;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The catalogue's rules: who may change a book, unique ISBNs, and images going with their book. */
@ApplicationScoped
public class Catalog {

    @Inject
    BookRepository books;

    @Inject
    Caller caller;

    @Inject
    Outbox outbox;

    public List<CatalogBook> page(int page, int size) {
        return books.page(page, size).stream().map(CatalogBook::of).toList();
    }

    public long count() {
        return books.count();
    }

    public CatalogBook get(String id) {
        return books.findByIdOptional(id).map(CatalogBook::of)
                .orElseThrow(() -> ProblemException.notFound("no book with id " + id));
    }

    @Transactional
    public CatalogBook add(BookDetails details) {
        Book book = new Book();
        book.id = UUID.randomUUID().toString();
        book.createdAt = now();
        book.createdBy = caller.username();
        book.createdById = caller.id();
        apply(book, details);
        books.persist(book);
        flushUnique(book.isbn);
        return CatalogBook.of(book);
    }

    @Transactional
    public CatalogBook replace(String id, BookDetails details) {
        Book book = changeable(id);
        apply(book, details);
        flushUnique(book.isbn);
        return CatalogBook.of(book);
    }

    /**
     * Deletes the book and records, in the same transaction, that its images go too: image-service deletes them
     * after commit. If the commit fails, the book and its images both stay.
     */
    @Transactional
    public void remove(String id) {
        Book book = changeable(id);
        books.delete(book);
        outbox.record(PeerRequest.delete("book.deleted", id, "image-service", "/internal/book/" + id + "/images"));
    }

    private Book changeable(String id) {
        Book book = books.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no book with id " + id));
        if (!caller.mayChange(book.createdById)) {
            throw ProblemException.forbidden("only the member who added this book, staff or an admin may change it");
        }
        return book;
    }

    private void apply(Book book, BookDetails details) {
        String isbn = Isbn.normalise(details.isbn());
        books.findByIsbn(isbn).filter(other -> !other.id.equals(book.id)).ifPresent(other -> {
            throw ProblemException.conflict("a book with ISBN " + isbn + " already exists: " + other.id);
        });
        book.title = details.title().strip();
        book.author = details.author().strip();
        book.isbn = isbn;
        book.quantity = details.quantity();
        book.updatedAt = now();
    }

    /** Two concurrent requests can both pass the ISBN check; the unique key decides, and the loser gets 409. */
    private void flushUnique(String isbn) {
        try {
            books.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("a book with ISBN " + isbn + " already exists");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
