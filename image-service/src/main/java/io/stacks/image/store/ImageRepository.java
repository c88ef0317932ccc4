package io.stacks.image.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<ImageEntity, String> {

    /** The image, only if it belongs to the given book. */
    public Optional<ImageEntity> findOfBook(String bookId, String imageId) {
        return find("id = ?1 and bookId = ?2", imageId, bookId).firstResultOptional();
    }

    /**
     * The image, locked until the transaction ends, only if it belongs to the given book. Plain FOR UPDATE: the
     * MySQL 8 dialect's "FOR UPDATE OF alias" is not understood by MariaDB (local stand-in).
     */
    public Optional<ImageEntity> lockOfBook(String bookId, String imageId) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM images WHERE id = :id AND book_id = :bookId FOR UPDATE",
                        ImageEntity.class)
                .setParameter("id", imageId).setParameter("bookId", bookId)
                .getResultStream().map(ImageEntity.class::cast).findFirst();
    }

    public List<ImageEntity> pageOfBook(String bookId, int page, int size) {
        return find("bookId", Sort.by("createdAt").and("id"), bookId).page(Page.of(page, size)).list();
    }

    public long countOfBook(String bookId) {
        return count("bookId", bookId);
    }

    public List<ImageEntity> allOfBook(String bookId) {
        return list("bookId", bookId);
    }
}
