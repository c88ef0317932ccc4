package io.stacks.image.api;

import io.stacks.image.domain.ImageContent;
import io.stacks.image.domain.ImageOfBook;
import io.stacks.image.domain.Images;
import io.stacks.image.domain.ImagesOfBook;
import io.stacks.image.domain.Upload;
import io.stacks.platform.api.Paging;
import io.stacks.platform.api.PublicUrl;
import io.stacks.platform.auth.Roles;
import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Images of a book: metadata as JSON, bytes under /content. */
@Path("/book/{bookId}/image")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Book images")
@SecurityRequirement(name = "bearer")
public class BookImageResource {

    @Inject
    Images images;

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List a book's images", description = "Paged with page (0-based) and size; the total is in "
            + "X-Total-Count, the next and previous pages in Link.")
    @APIResponse(responseCode = "200", description = "The page of images",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ImageView.class)),
            headers = { @Header(name = "X-Total-Count", description = "how many images the book has"),
                @Header(name = "Link", description = "next and prev pages") })
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "book-service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@PathParam("bookId") String bookId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        ImagesOfBook found = images.list(bookId, paging.page(), paging.size());
        List<ImageView> views = found.images().stream()
                .map(image -> ImageView.of(image, found.book(), publicUrl)).toList();
        return paging.ok(views, found.total(), publicUrl, uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add an image to a book",
            description = "The book's creator, staff or admin only. The format is recognised from the bytes.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = ImageUploadForm.class)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImageView.class)),
            headers = @Header(name = "Location", description = "the new image"))
    @APIResponse(responseCode = "400", description = "No file part, or an empty file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the book's creator, staff or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The image is too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not multipart/form-data, or not a PNG, JPEG, GIF or WebP image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "book-service or image storage is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("bookId") String bookId, @RestForm("file") FileUpload file) {
        ImageOfBook added = images.add(bookId, upload(file));
        ImageView view = ImageView.of(added.image(), added.book(), publicUrl);
        return Response.created(URI.create(publicUrl.of(Paths.image(bookId, view.id())))).entity(view).build();
    }

    @GET
    @Path("/{imageId}")
    @Operation(summary = "Get an image's metadata")
    @APIResponse(responseCode = "200", description = "The image",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImageView.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book, or the book has no such image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "book-service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImageView get(@PathParam("bookId") String bookId, @PathParam("imageId") String imageId) {
        ImageOfBook found = images.get(bookId, imageId);
        return ImageView.of(found.image(), found.book(), publicUrl);
    }

    @GET
    @Path("/{imageId}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Get an image's bytes", description = "Served with the stored content type.")
    @APIResponse(responseCode = "200", description = "The image's bytes", content = {
        @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/gif", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The book has no such image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Image storage is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response content(@PathParam("bookId") String bookId, @PathParam("imageId") String imageId) {
        ImageContent content = images.content(bookId, imageId);
        StreamingOutput body = output -> {
            try (InputStream bytes = content.bytes()) {
                bytes.transferTo(output);
            }
        };
        return Response.ok(body, content.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header(HttpHeaders.CACHE_CONTROL, "private")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @PUT
    @Path("/{imageId}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Replace an image's bytes",
            description = "The book's creator, staff or admin only. The image keeps its id and url.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = ImageUploadForm.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImageView.class)))
    @APIResponse(responseCode = "400", description = "No file part, or an empty file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the book's creator, staff or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book, or the book has no such image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The image is too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not multipart/form-data, or not a PNG, JPEG, GIF or WebP image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "book-service or image storage is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImageView replace(@PathParam("bookId") String bookId, @PathParam("imageId") String imageId,
            @RestForm("file") FileUpload file) {
        ImageOfBook replaced = images.replace(bookId, imageId, upload(file));
        return ImageView.of(replaced.image(), replaced.book(), publicUrl);
    }

    @DELETE
    @Path("/{imageId}")
    @Operation(summary = "Delete an image", description = "The book's creator, staff or admin only.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the book's creator, staff or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such book, or the book has no such image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "book-service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("bookId") String bookId, @PathParam("imageId") String imageId) {
        images.delete(bookId, imageId);
        return Response.noContent().build();
    }

    private static Upload upload(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "a multipart part named file with the image is required");
        }
        return new Upload(file.uploadedFile(), file.size());
    }
}
