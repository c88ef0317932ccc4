package io.stacks.image.api;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.stacks.platform.problem.Problem;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A database that cannot be reached is a dependency down (503 + Retry-After), not a bug (500). */
public class DatabaseFailureMapper {

    private static final Logger LOG = Logger.getLogger(DatabaseFailureMapper.class);

    @ServerExceptionMapper({ PersistenceException.class, QuarkusTransactionException.class })
    public Response databaseFailed(RuntimeException e, UriInfo uri) {
        boolean unreachable = unreachable(e);
        LOG.error(unreachable ? "database unreachable" : "database failure", e);
        Problem problem = unreachable
                ? Problem.of(503, "Service Unavailable", "the image database is unavailable")
                : Problem.of(500, "Internal Server Error", "the service could not complete the request");
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getRequestUri().getRawPath()));
        if (unreachable) {
            response.header(HttpHeaders.RETRY_AFTER, 5);
        }
        return response.build();
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLTransientException || cause instanceof SQLNonTransientConnectionException
                    || String.valueOf(cause.getMessage()).contains("acquisition timeout")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
