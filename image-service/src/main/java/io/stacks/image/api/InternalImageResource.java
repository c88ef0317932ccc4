package io.stacks.image.api;

import io.quarkus.security.PermissionsAllowed;
import io.stacks.image.domain.Images;
import io.stacks.platform.auth.ServiceCallers;
import io.stacks.platform.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For book-service (its service token) after a book was deleted; never routed by the gateway. */
@Path("/internal/book/{bookId}/images")
@PermissionsAllowed(ServiceCallers.FROM_BOOK_SERVICE)
@Tag(name = "Internal")
@SecurityRequirement(name = "bearer")
public class InternalImageResource {

    @Inject
    Images images;

    @DELETE
    @Operation(summary = "Delete every image of a book", description = "Also answers 204 when the book has none, "
            + "so a repeated delivery (same Idempotency-Key) changes nothing. Needs book-service's service token.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not book-service's service token (e.g. a user's token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The image database is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteAll(@PathParam("bookId") String bookId) {
        images.deleteAllOf(bookId);
        return Response.noContent().build();
    }
}
