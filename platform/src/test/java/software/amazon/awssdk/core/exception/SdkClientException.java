package software.amazon.awssdk.core.exception;

/**
 * Test stand-in with the exact name of the AWS SDK's client-side failure (no answer from AWS: unreachable,
 * timed out, no credentials). Platform does not depend on the SDK and matches this type by name only.
 */
public class SdkClientException extends RuntimeException {

    public SdkClientException(String message) {
        super(message);
    }
}
