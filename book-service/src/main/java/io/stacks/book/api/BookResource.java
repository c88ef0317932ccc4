package io.stacks.book.api;

import io.stacks.book.domain.BookDetails;
import io.stacks.book.domain.Catalog;
import io.stacks.platform.api.Paging;
import io.stacks.platform.auth.Roles;
import io.stacks.platform.api.PublicUrl;
import io.stacks.platform.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/book")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "books")
@APIResponse(responseCode = "401", description = "No or invalid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not a user's (e.g. a service token)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The catalogue's database is unavailable; retry after Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BookResource {

    @Inject
    Catalog catalog;

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List books, oldest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of books; the total in X-Total-Count, pages in Link",
            content = @Content(schema = @Schema(implementation = BookView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.ok(catalog.page(paging.page(), paging.size()).stream().map(BookView::of).toList(),
                catalog.count(), publicUrl, uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One book")
    @APIResponse(responseCode = "200", description = "The book",
            content = @Content(schema = @Schema(implementation = BookView.class)))
    @APIResponse(responseCode = "404", description = "No such book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BookView get(@PathParam("id") String id) {
        return BookView.of(catalog.get(id));
    }

    @POST
    @Operation(summary = "Add a book to the catalogue; the caller becomes its owner")
    @APIResponse(responseCode = "201", description = "Created; Location names the new book",
            content = @Content(schema = @Schema(implementation = BookView.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid fields (per-field errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A book with this ISBN exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull BookRequest request) {
        BookView book = BookView.of(catalog.add(details(request)));
        return Response.created(URI.create(publicUrl.of("/book/" + book.id()))).entity(book).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a book's details (its owner, staff or an admin)")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = BookView.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid fields (per-field errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change this book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another book has this ISBN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BookView update(@PathParam("id") String id, @Valid @NotNull BookRequest request) {
        return BookView.of(catalog.replace(id, details(request)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a book (its owner, staff or an admin)", description = "Its images are "
            + "deleted right after, by image-service.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller may not delete this book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") String id) {
        catalog.remove(id);
    }

    private static BookDetails details(BookRequest request) {
        return new BookDetails(request.title(), request.author(), request.isbn(), request.quantity());
    }
}
