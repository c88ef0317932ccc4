package io.stacks.image.domain;

import java.io.InputStream;

/** An image's bytes, open for streaming; whoever writes them out closes the stream. */
public record ImageContent(String contentType, long size, InputStream bytes) {
}
