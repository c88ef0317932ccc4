package io.stacks.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that means "a dependency is down" (the database, an AWS service, a peer service), which is
 * answered 503 + Retry-After, never 500. AWS SDK and Fault Tolerance types are matched by name: not every service
 * has those libraries, and platform must not bring them in.
 */
public final class DependencyFailures {

    private static final String SDK_CLIENT_EXCEPTION = "software.amazon.awssdk.core.exception.SdkClientException";
    private static final String AWS_SERVICE_EXCEPTION = "software.amazon.awssdk.awscore.exception.AwsServiceException";
    private static final String FAULT_TOLERANCE_EXCEPTION =
            "org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException";

    private DependencyFailures() {
    }

    /** What is unavailable, in a client's terms, when the failure is a dependency being down. */
    public static Optional<String> unavailable(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (databaseUnreachable(cause)) {
                return Optional.of("the service's database is unavailable; try again shortly");
            }
            if (is(cause, SDK_CLIENT_EXCEPTION) || (is(cause, AWS_SERVICE_EXCEPTION) && serverSide(cause))) {
                return Optional.of("the service's storage is unavailable; try again shortly");
            }
            if (is(cause, FAULT_TOLERANCE_EXCEPTION) || cause instanceof jakarta.ws.rs.ProcessingException) {
                return Optional.of("a service this request needs is unavailable; try again shortly");
            }
        }
        return Optional.empty();
    }

    /** The failure and its causes, outermost first, each once: a cause chain may loop. */
    static Iterable<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static boolean databaseUnreachable(Throwable cause) {
        return cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || (cause instanceof SQLException && String.valueOf(cause.getMessage()).contains("acquisition timeout"));
    }

    /** An AWS answer of 5xx (the service failed) or 403 (credentials no longer accepted): nothing the client did. */
    private static boolean serverSide(Throwable awsServiceException) {
        try {
            int status = (int) awsServiceException.getClass().getMethod("statusCode").invoke(awsServiceException);
            return status >= 500 || status == 403;
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static boolean is(Throwable failure, String className) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
