package org.eclipse.microprofile.faulttolerance.exceptions;

/** Test stand-in with the exact name of MicroProfile Fault Tolerance's base exception (matched by name). */
public class FaultToleranceException extends RuntimeException {

    public FaultToleranceException(String message) {
        super(message);
    }
}
