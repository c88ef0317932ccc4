package io.stacks.image.domain;

import io.stacks.image.client.Book;

public record ImageOfBook(Image image, Book book) {
}
