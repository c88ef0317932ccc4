package io.stacks.image.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** book-service, called with the caller's own token; only {@link BookCatalog} uses it. */
@RegisterRestClient(configKey = "book-service")
@Path("/book")
public interface BookServiceClient {

    /** Every answer comes back as a response (no exception for 4xx/5xx): the wrapper decides what each means. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    RestResponse<BookResponse> get(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
