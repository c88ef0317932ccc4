package io.stacks.image.client;

import io.stacks.platform.auth.Caller;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Looks books up at book-service on the caller's behalf, turning its failures into problems. */
@ApplicationScoped
public class BookCatalog {

    private static final Logger LOG = Logger.getLogger(BookCatalog.class);

    @Inject
    @RestClient
    BookServiceClient books;

    @Inject
    Caller caller;

    /** The book, or a 404 problem when book-service does not know it; 503 when book-service cannot answer. */
    public Book get(String bookId) {
        try {
            Book book = books.get(bookId, caller.bearer());
            if (book == null || book.id() == null) {
                throw ProblemException.unavailable("book-service returned no book");
            }
            return book;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 400) {
                throw ProblemException.notFound("no book with id " + bookId);
            }
            LOG.warnf("book-service answered %d for book %s", status, bookId);
            throw ProblemException.unavailable("book-service cannot look up the book right now");
        } catch (ProcessingException | FaultToleranceException e) {
            LOG.warnf("book-service unreachable: %s", e.toString());
            throw ProblemException.unavailable("book-service cannot look up the book right now");
        }
    }
}
