package io.stacks.image.domain;

import java.util.List;

/** One page of a book's images and how many it has in all. */
public record ImagesOfBook(Book book, List<Image> images, long total) {
}
