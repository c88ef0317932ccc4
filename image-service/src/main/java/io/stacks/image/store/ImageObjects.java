package io.stacks.image.store;

import io.stacks.image.config.StacksConfig;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Image bytes in the S3 bucket. S3 being unreachable surfaces as the SDK's exception, which platform answers 503. */
@ApplicationScoped
public class ImageObjects {

    private static final Logger LOG = Logger.getLogger(ImageObjects.class);

    @Inject
    S3Client s3;

    @Inject
    StacksConfig config;

    /** Streams the file to S3 without loading it into memory. */
    public void put(String key, Path file, String contentType, long size) {
        s3.putObject(request -> request.bucket(bucket()).key(key).contentType(contentType).contentLength(size),
                RequestBody.fromFile(file));
    }

    /** An open stream of the object's bytes; the caller closes it. */
    public ResponseInputStream<GetObjectResponse> open(String key) {
        try {
            return s3.getObject(request -> request.bucket(bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw ProblemException.notFound("the image's content is missing");
        }
    }

    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket()).key(key));
    }

    /**
     * Deletes an object no row points at any more. Failure leaves only an unreachable object behind, so it is
     * logged (with the key, for clean-up) instead of failing a request whose visible effect is already done.
     */
    public void deleteOrphan(String key) {
        try {
            delete(key);
        } catch (RuntimeException e) {
            LOG.errorf("could not delete orphaned S3 object %s/%s: %s", bucket(), key, e.toString());
        }
    }

    /** Whether the bucket is reachable, for readiness. */
    public void checkBucket() {
        s3.headBucket(request -> request.bucket(bucket()));
    }

    public String bucket() {
        return config.images().bucket();
    }
}
