package io.stacks.user.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of `users`: one account. The password is kept only as a bcrypt hash. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, unique = true, length = 254)
    public String username;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** member, staff or admin: the highest role; the lower ones are implied. */
    @Column(nullable = false, length = 16)
    public String role;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;
}
