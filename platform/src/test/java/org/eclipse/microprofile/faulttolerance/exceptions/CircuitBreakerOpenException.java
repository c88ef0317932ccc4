package org.eclipse.microprofile.faulttolerance.exceptions;

/** Test stand-in for the Fault Tolerance exception a call gets while its circuit breaker is open. */
public class CircuitBreakerOpenException extends FaultToleranceException {

    public CircuitBreakerOpenException(String message) {
        super(message);
    }
}
