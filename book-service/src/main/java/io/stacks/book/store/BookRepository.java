package io.stacks.book.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class BookRepository implements PanacheRepositoryBase<Book, String> {

    public List<Book> page(int page, int size) {
        return findAll(Sort.by("createdAt").and("id")).page(page, size).list();
    }

    public Optional<Book> findByIsbn(String isbn) {
        return find("isbn", isbn).firstResultOptional();
    }
}
