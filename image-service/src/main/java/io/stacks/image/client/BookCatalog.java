package io.stacks.image.client;

import io.stacks.image.domain.Book;
import io.stacks.platform.auth.Caller;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one way image-service reaches book-service: a bounded wait, a retry (a read is safe to repeat), and a circuit
 * breaker, so a slow or dead book-service costs a caller a fast 503 instead of its full timeout. A failure that
 * reaches the caller is a 503 problem with Retry-After (platform maps timeouts and an open breaker the same way).
 */
@ApplicationScoped
public class BookCatalog {

    private static final Logger LOG = Logger.getLogger(BookCatalog.class);

    private final BookServiceClient books;
    private final Caller caller;

    BookCatalog(@RestClient BookServiceClient books, Caller caller) {
        this.books = books;
        this.caller = caller;
    }

    /** The book, or empty when book-service does not know it; a 404 is an answer, not a failure of the peer. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    public Optional<Book> find(String bookId) {
        RestResponse<BookResponse> answer = books.get(bookId, caller.bearer());
        int status = answer.getStatus();
        if (status == 404 || status == 400) {
            return Optional.empty();
        }
        BookResponse book = status == 200 ? answer.getEntity() : null;
        if (book == null || book.id() == null) {
            LOG.warnf("book-service answered %d for book %s", status, bookId);
            throw ProblemException.unavailable("book-service cannot look up the book right now");
        }
        return Optional.of(new Book(book.id(), book.title(), book.author(), book.isbn(), book.quantity(),
                book.createdAt(), book.createdBy(), book.createdById()));
    }
}
