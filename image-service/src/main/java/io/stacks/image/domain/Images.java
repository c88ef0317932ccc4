package io.stacks.image.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.stacks.image.client.BookCatalog;
import io.stacks.image.config.StacksConfig;
import io.stacks.image.store.ImageEntity;
import io.stacks.image.store.ImageObjects;
import io.stacks.image.store.ImageRepository;
import io.stacks.platform.auth.Caller;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The rules for book images. Bytes go to S3 before the row is written and leave S3 after the row is gone, so a
 * row never points at an object that was not stored; an object whose row could not be written is removed again.
 */
@ApplicationScoped
public class Images {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    @Inject
    ImageRepository repository;

    @Inject
    ImageObjects objects;

    @Inject
    BookCatalog books;

    @Inject
    Caller caller;

    @Inject
    StacksConfig config;

    public ImagesOfBook list(String bookId, int page, int size) {
        Book book = book(bookId);
        return new ImagesOfBook(book, repository.pageOfBook(bookId, page, size).stream().map(Image::of).toList(),
                repository.countOfBook(bookId));
    }

    public ImageOfBook get(String bookId, String imageId) {
        Book book = book(bookId);
        return new ImageOfBook(Image.of(existing(bookId, imageId)), book);
    }

    public ImageContent content(String bookId, String imageId) {
        requireBookId(bookId);
        ImageEntity image = existing(bookId, imageId);
        ResponseInputStream<GetObjectResponse> bytes = objects.open(image.s3Key);
        String contentType = bytes.response().contentType() != null ? bytes.response().contentType()
                : image.contentType;
        return new ImageContent(contentType, bytes.response().contentLength(), bytes);
    }

    public ImageOfBook add(String bookId, Upload upload) {
        Book book = bookToChange(bookId);
        ImageType type = checked(upload);
        String key = newKey(bookId);
        objects.put(key, upload.file(), type.mediaType(), upload.size());
        Instant now = now();
        ImageEntity image = new ImageEntity();
        image.id = UUID.randomUUID().toString();
        image.bookId = bookId;
        image.s3Key = key;
        image.contentType = type.mediaType();
        image.sizeBytes = upload.size();
        image.createdBy = caller.username();
        image.createdById = caller.id();
        image.createdAt = now;
        image.updatedAt = now;
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.persist(image));
        } catch (RuntimeException e) {
            objects.deleteOrphan(key);
            throw e;
        }
        return new ImageOfBook(Image.of(image), book);
    }

    public ImageOfBook replace(String bookId, String imageId, Upload upload) {
        Book book = bookToChange(bookId);
        existing(bookId, imageId);
        ImageType type = checked(upload);
        String key = newKey(bookId);
        objects.put(key, upload.file(), type.mediaType(), upload.size());
        String[] oldKey = new String[1];
        ImageEntity image;
        try {
            image = QuarkusTransaction.requiringNew().call(() -> {
                ImageEntity locked = lockedExisting(bookId, imageId);
                oldKey[0] = locked.s3Key;
                locked.s3Key = key;
                locked.contentType = type.mediaType();
                locked.sizeBytes = upload.size();
                locked.updatedAt = now();
                return locked;
            });
        } catch (RuntimeException e) {
            objects.deleteOrphan(key);
            throw e;
        }
        objects.deleteOrphan(oldKey[0]);
        return new ImageOfBook(Image.of(image), book);
    }

    public void delete(String bookId, String imageId) {
        bookToChange(bookId);
        String key = QuarkusTransaction.requiringNew().call(() -> {
            ImageEntity locked = lockedExisting(bookId, imageId);
            repository.delete(locked);
            return locked.s3Key;
        });
        objects.deleteOrphan(key);
    }

    /** Removes every image of a book (book-service calls this when it deletes the book). */
    public void deleteAllOf(String bookId) {
        if (!UUID_TEXT.matcher(bookId).matches()) {
            return;
        }
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> {
            List<ImageEntity> all = repository.allOfBook(bookId);
            all.forEach(repository::delete);
            return all.stream().map(image -> image.s3Key).toList();
        });
        keys.forEach(objects::deleteOrphan);
    }

    private Book book(String bookId) {
        requireBookId(bookId);
        return books.find(bookId).orElseThrow(() -> ProblemException.notFound("no book with id " + bookId));
    }

    private Book bookToChange(String bookId) {
        Book book = book(bookId);
        if (!caller.mayChange(book.ownerId())) {
            throw ProblemException.forbidden("only the member who added the book, staff or admin may change its images");
        }
        return book;
    }

    private ImageEntity existing(String bookId, String imageId) {
        if (!UUID_TEXT.matcher(imageId).matches()) {
            throw noImage(bookId, imageId);
        }
        return repository.findOfBook(bookId, imageId).orElseThrow(() -> noImage(bookId, imageId));
    }

    private ImageEntity lockedExisting(String bookId, String imageId) {
        return repository.lockOfBook(bookId, imageId).orElseThrow(() -> noImage(bookId, imageId));
    }

    private ImageType checked(Upload upload) {
        if (upload.size() == 0) {
            throw ProblemException.badRequest("the file is empty");
        }
        long max = config.images().maxBytes();
        if (upload.size() > max) {
            throw ProblemException.payloadTooLarge("an image may have at most " + max + " bytes");
        }
        try {
            return ImageType.of(upload.file()).orElseThrow(() -> ProblemException.unsupportedMediaType(
                    "the file is not a PNG, JPEG, GIF or WebP image"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireBookId(String bookId) {
        if (!UUID_TEXT.matcher(bookId).matches()) {
            throw ProblemException.notFound("no book with id " + bookId);
        }
    }

    private static ProblemException noImage(String bookId, String imageId) {
        return ProblemException.notFound("book " + bookId + " has no image " + imageId);
    }

    private static String newKey(String bookId) {
        return "books/" + bookId + "/" + UUID.randomUUID();
    }

    // MySQL TIMESTAMP(6) keeps microseconds: trim so what is returned now equals what is read back later.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
