package io.stacks.book.domain;

import io.stacks.book.client.ImageClient;
import io.stacks.book.store.Book;
import io.stacks.book.store.BookRepository;
import io.stacks.platform.auth.Caller;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The catalogue's rules: who may change a book, unique ISBNs, and images going with their book. */
@ApplicationScoped
public class Catalog {

    private static final Logger LOG = Logger.getLogger(Catalog.class);

    @Inject
    BookRepository books;

    @Inject
    Caller caller;

    @Inject
    @RestClient
    ImageClient images;

    public List<Book> page(int page, int size) {
        return books.page(page, size);
    }

    public long count() {
        return books.count();
    }

    public Book get(String id) {
        return books.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no book with id " + id));
    }

    @Transactional
    public Book add(BookDetails details) {
        Book book = new Book();
        book.id = UUID.randomUUID().toString();
        book.createdAt = now();
        book.createdBy = caller.username();
        book.createdById = caller.id();
        apply(book, details);
        books.persist(book);
        flushUnique(book.isbn);
        return book;
    }

    @Transactional
    public Book replace(String id, BookDetails details) {
        Book book = changeable(id);
        apply(book, details);
        flushUnique(book.isbn);
        return book;
    }

    /** Deletes the book and, in the same transaction, its images: if image-service fails, the book stays. */
    @Transactional
    public void remove(String id) {
        Book book = changeable(id);
        books.delete(book);
        books.flush();
        try {
            images.deleteImagesOf(id, caller.bearer());
        } catch (WebApplicationException | ProcessingException | FaultToleranceException e) {
            LOG.warnf("image-service could not delete the images of book %s: %s", id, e.toString());
            throw ProblemException.unavailable("the book's images cannot be deleted right now; the book was kept");
        }
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
