package io.stacks.image.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One image of a book: where its bytes are in S3 and what they are. */
@Entity
@Table(name = "images")
public class ImageEntity {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "book_id", length = 36, nullable = false)
    public String bookId;

    @Column(name = "s3_key", nullable = false)
    public String s3Key;

    @Column(name = "content_type", length = 64)
    public String contentType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "created_by", length = 254)
    public String createdBy;

    @Column(name = "created_by_id", length = 36)
    public String createdById;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
