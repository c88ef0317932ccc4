package io.stacks.image.domain;

import java.nio.file.Path;

/** An uploaded file as it arrived: a temporary file on disk and its size. */
public record Upload(Path file, long size) {
}
