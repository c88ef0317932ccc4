package io.stacks.book.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service's internal API: a deleted book takes its images with it. */
@RegisterRestClient(configKey = "image-service")
@Path("/internal/book")
public interface ImageClient {

    /** Idempotent, so a lost answer is safely retried. */
    @DELETE
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(5000)
    @Path("/{bookId}/images")
    void deleteImagesOf(@PathParam("bookId") String bookId, @HeaderParam("Authorization") String authorization);
}
