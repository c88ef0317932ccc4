package io.stacks.platform.auth;

/** The groups a Stacks token can carry. A staff member is also a member; an admin is also staff. */
public final class Roles {

    public static final String MEMBER = "member";
    public static final String STAFF = "staff";
    public static final String ADMIN = "admin";
    /** Carried by tokens services mint for calls no user started; required by /internal/** endpoints. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
