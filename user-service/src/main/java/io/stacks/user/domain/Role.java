package io.stacks.user.domain;

import io.stacks.platform.auth.Roles;
import java.util.List;
import java.util.Locale;

/** The single role stored per account; each role carries the ones below it as token groups. */
public enum Role {
    MEMBER(List.of(Roles.MEMBER)),
    STAFF(List.of(Roles.MEMBER, Roles.STAFF)),
    ADMIN(List.of(Roles.MEMBER, Roles.STAFF, Roles.ADMIN));

    private final List<String> groups;

    Role(List<String> groups) {
        this.groups = groups;
    }

    public List<String> groups() {
        return groups;
    }

    /** The value of the `role` column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
