package io.stacks.image.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The image formats accepted, recognised by their leading bytes (never by name or declared type). */
public enum ImageType {
    PNG("image/png"),
    JPEG("image/jpeg"),
    GIF("image/gif"),
    WEBP("image/webp");

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    private static final byte[] JPEG_SIGNATURE = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final int HEADER_LENGTH = 12;

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of the file's bytes, if it is one accepted. */
    public static Optional<ImageType> of(Path file) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER_LENGTH);
        }
        return of(header);
    }

    static Optional<ImageType> of(byte[] header) {
        if (startsWith(header, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(header, JPEG_SIGNATURE)) {
            return Optional.of(JPEG);
        }
        if (startsWith(header, ascii("GIF87a")) || startsWith(header, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (header.length >= HEADER_LENGTH && startsWith(header, ascii("RIFF"))
                && Arrays.equals(header, 8, 12, ascii("WEBP"), 0, 4)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
