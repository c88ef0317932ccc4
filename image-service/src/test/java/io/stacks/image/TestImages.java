package io.stacks.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Tiny real images for uploads. */
final class TestImages {

    /** A 1x1 lossless WebP, by hand: ImageIO cannot write WebP. */
    static final byte[] WEBP = { 'R', 'I', 'F', 'F', 0x1a, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x0d, 0,
        0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0 };

    private TestImages() {
    }

    static byte[] png() {
        return write("png", BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg() {
        return write("jpg", BufferedImage.TYPE_INT_RGB);
    }

    static byte[] gif() {
        return write("gif", BufferedImage.TYPE_INT_RGB);
    }

    /** Bytes of the given format, by name: png, jpeg, gif or webp. */
    static byte[] of(String format) {
        return switch (format) {
            case "png" -> png();
            case "jpeg" -> jpeg();
            case "gif" -> gif();
            case "webp" -> WEBP.clone();
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** A PNG signature followed by padding up to the given length: enough for the type check, any size. */
    static byte[] pngOfSize(int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(png(), 0, bytes, 0, 8);
        return bytes;
    }

    private static byte[] write(String format, int type) {
        BufferedImage image = new BufferedImage(2, 2, type);
        image.setRGB(0, 0, 0xFF336699);
        image.setRGB(1, 1, 0xFFCC9933);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
