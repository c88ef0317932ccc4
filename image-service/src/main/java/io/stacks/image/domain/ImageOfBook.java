package io.stacks.image.domain;

public record ImageOfBook(Image image, Book book) {
}
