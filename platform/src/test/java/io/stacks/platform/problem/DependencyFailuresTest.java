package io.stacks.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.ws.rs.ProcessingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class DependencyFailuresTest {

    private static final String DATABASE = "the service's database is unavailable; try again shortly";
    private static final String STORAGE = "the service's storage is unavailable; try again shortly";
    private static final String PEER = "a service this request needs is unavailable; try again shortly";

    /** Like the SDK's own subclasses (S3Exception, DynamoDbException): matched through the superclass's name. */
    public static class StorageServiceException extends AwsServiceException {
        public StorageServiceException(int statusCode) {
            super(statusCode, "storage said " + statusCode);
        }
    }

    /** Like the SDK's ApiCallTimeoutException, a subclass of SdkClientException. */
    public static class StorageCallTimeout extends SdkClientException {
        public StorageCallTimeout() {
            super("call timed out");
        }
    }

    /** Wraps the failure the way Hibernate, Agroal and CDI do: a few layers of unrelated exceptions. */
    private static Throwable wrapped(Throwable failure) {
        return new IllegalStateException("service layer",
                new RuntimeException("persistence layer", new RuntimeException("pool layer", failure)));
    }

    @Test
    void recognisesATransientConnectionFailureAsTheDatabase() {
        assertEquals(Optional.of(DATABASE),
                DependencyFailures.unavailable(new SQLTransientConnectionException("connection refused")));
    }

    @Test
    void recognisesANonTransientConnectionFailureAsTheDatabase() {
        assertEquals(Optional.of(DATABASE),
                DependencyFailures.unavailable(new SQLNonTransientConnectionException("communications link failure")));
    }

    @Test
    void recognisesARecoverableFailureAsTheDatabase() {
        assertEquals(Optional.of(DATABASE), DependencyFailures.unavailable(new SQLRecoverableException("reset")));
    }

    @Test
    void recognisesAPoolAcquisitionTimeoutAsTheDatabase() {
        SQLException agroal = new SQLException("Sorry, acquisition timeout!");
        assertEquals(Optional.of(DATABASE), DependencyFailures.unavailable(agroal));
    }

    @Test
    void recognisesEachDatabaseFailureWrappedSeveralLevelsDeep() {
        for (Throwable failure : new Throwable[] { new SQLTransientConnectionException("refused"),
                new SQLNonTransientConnectionException("link failure"), new SQLRecoverableException("reset"),
                new SQLException("Sorry, acquisition timeout!") }) {
            assertEquals(Optional.of(DATABASE), DependencyFailures.unavailable(wrapped(failure)), failure.toString());
        }
    }

    @Test
    void doesNotTakeAnOrdinarySqlErrorForAnOutage() {
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new SQLSyntaxErrorException("bad SQL")));
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new SQLException("duplicate key")));
    }

    @Test
    void doesNotFailOnAnSqlExceptionWithoutMessage() {
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new SQLException()));
    }

    @Test
    void recognisesAnAwsClientFailureByNameAsStorage() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new SdkClientException("unable to connect")));
    }

    @Test
    void recognisesASubclassOfTheAwsClientFailure() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new StorageCallTimeout()));
    }

    @Test
    void recognisesAWrappedAwsClientFailure() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(wrapped(new SdkClientException("timeout"))));
    }

    @Test
    void recognisesAnAwsServerErrorAsStorage() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new AwsServiceException(503, "slow down")));
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new AwsServiceException(500, "internal")));
    }

    @Test
    void recognisesAnAwsRefusalOfCredentialsAsStorage() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new AwsServiceException(403, "expired")));
    }

    @Test
    void doesNotTakeAnAwsClientErrorForAnOutage() {
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new AwsServiceException(400, "validation")));
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new AwsServiceException(404, "no such key")));
    }

    @Test
    void judgesASubclassOfTheAwsServiceFailureByItsStatus() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(new StorageServiceException(503)));
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new StorageServiceException(404)));
    }

    @Test
    void recognisesAWrappedAwsServerError() {
        assertEquals(Optional.of(STORAGE), DependencyFailures.unavailable(wrapped(new StorageServiceException(502))));
    }

    @Test
    void recognisesAFaultToleranceFailureByNameAsAPeer() {
        assertEquals(Optional.of(PEER), DependencyFailures.unavailable(new FaultToleranceException("gave up")));
    }

    @Test
    void recognisesAnOpenCircuitBreakerAsAPeer() {
        assertEquals(Optional.of(PEER), DependencyFailures.unavailable(new CircuitBreakerOpenException("open")));
        assertEquals(Optional.of(PEER), DependencyFailures.unavailable(wrapped(new CircuitBreakerOpenException("open"))));
    }

    @Test
    void recognisesAClientProcessingFailureAsAPeer() {
        assertEquals(Optional.of(PEER),
                DependencyFailures.unavailable(new ProcessingException(new java.net.ConnectException("refused"))));
        assertEquals(Optional.of(PEER), DependencyFailures.unavailable(wrapped(new ProcessingException("reset"))));
    }

    @Test
    void findsNoDependencyInAnOrdinaryBug() {
        assertEquals(Optional.empty(), DependencyFailures.unavailable(new IllegalStateException("bug")));
        assertEquals(Optional.empty(), DependencyFailures.unavailable(wrapped(new NullPointerException())));
    }

    @Test
    void reportsTheOutermostRecognisedDependency() {
        Throwable peerFailingOnItsDatabase = new ProcessingException("peer", new SQLTransientConnectionException("x"));
        assertEquals(Optional.of(PEER), DependencyFailures.unavailable(peerFailingOnItsDatabase));
    }

    @Test
    void stopsAtAnExceptionThatIsItsOwnCause() {
        RuntimeException selfCaused = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        Optional<String> result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> DependencyFailures.unavailable(selfCaused));
        assertEquals(Optional.empty(), result);
    }

    @Test
    void stillRecognisesAFailureWhoseCauseIsItself() {
        SQLTransientConnectionException selfCaused = new SQLTransientConnectionException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertEquals(Optional.of(DATABASE),
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> DependencyFailures.unavailable(selfCaused)));
    }
}
