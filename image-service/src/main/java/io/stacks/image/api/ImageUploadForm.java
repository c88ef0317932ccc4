package io.stacks.image.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The multipart body of an upload, for the OpenAPI document only (resources read the part with @RestForm). */
@Schema(name = "ImageUpload")
public class ImageUploadForm {

    @Schema(type = SchemaType.STRING, format = "binary", required = true,
            description = "PNG, JPEG, GIF or WebP image, recognised by its bytes")
    public String file;
}
