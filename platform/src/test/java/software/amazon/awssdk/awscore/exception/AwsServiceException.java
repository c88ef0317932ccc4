package software.amazon.awssdk.awscore.exception;

/**
 * Test stand-in with the exact name of the AWS SDK's "AWS answered with an error" failure; like the real one it
 * has a public {@code statusCode()}. Platform does not depend on the SDK and matches this type by name only.
 */
public class AwsServiceException extends RuntimeException {

    private final int statusCode;

    public AwsServiceException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
