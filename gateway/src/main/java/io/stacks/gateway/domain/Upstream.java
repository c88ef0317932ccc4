package io.stacks.gateway.domain;

/** The services behind the gateway. */
public enum Upstream {
    USER_SERVICE("user-service"),
    BOOK_SERVICE("book-service"),
    IMAGE_SERVICE("image-service"),
    NOTIFICATION_SERVICE("notification-service");

    private final String serviceName;

    Upstream(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
