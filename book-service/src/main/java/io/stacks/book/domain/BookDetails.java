package io.stacks.book.domain;

/** What a client says about a book; already checked for form by Bean Validation at the API. */
public record BookDetails(String title, String author, String isbn, int quantity) {
}
