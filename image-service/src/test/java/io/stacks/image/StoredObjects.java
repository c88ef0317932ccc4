package io.stacks.image;

import io.stacks.devstack.Backends;
import io.stacks.devstack.StandinsTestResource;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Looks into the S3 stand-in behind the service, with a client of the test's own. */
final class StoredObjects {

    private static S3Client s3;

    private StoredObjects() {
    }

    /** The keys of every object stored for a book (tests use a fresh book each). */
    static List<String> keysOf(String bookId) {
        return client().listObjectsV2(request -> request.bucket(Backends.BUCKET).prefix("books/" + bookId + "/"))
                .contents().stream().map(S3Object::key).toList();
    }

    static ResponseBytes<GetObjectResponse> get(String key) {
        return client().getObjectAsBytes(request -> request.bucket(Backends.BUCKET).key(key));
    }

    private static synchronized S3Client client() {
        if (s3 == null) {
            s3 = S3Client.builder().endpointOverride(URI.create(StandinsTestResource.backends().s3Url()))
                    .region(Region.of(Backends.REGION)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(Backends.ACCESS_KEY, Backends.SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
        return s3;
    }
}
