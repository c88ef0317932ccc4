package io.stacks.book.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "books")
public class Book extends PanacheEntityBase {

    @Id
    public String id;
    public String title;
    public String author;
    /** Normalised: digits (and a final X for ISBN-10) only. */
    public String isbn;
    public int quantity;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_by_id")
    public String createdById;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
