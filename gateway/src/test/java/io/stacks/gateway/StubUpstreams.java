package io.stacks.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Stands in for the four services behind the gateway (none of them runs in these tests) and points the gateway at
 * the stubs. Ordered after StandinsTestResource so these URLs replace the ones devstack hands out.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

    static StubService user;
    static StubService book;
    static StubService image;
    static StubService notification;

    @Override
    public Map<String, String> start() {
        user = new StubService("user-service");
        book = new StubService("book-service");
        image = new StubService("image-service");
        notification = new StubService("notification-service");
        return Map.of(
                "quarkus.rest-client.user-service.url", user.url(),
                "quarkus.rest-client.book-service.url", book.url(),
                "quarkus.rest-client.image-service.url", image.url(),
                "quarkus.rest-client.notification-service.url", notification.url(),
                // short, so a service that never answers is given up on quickly in the test
                "stacks.gateway.upstream-idle-timeout", "2s");
    }

    @Override
    public void stop() {
        for (StubService stub : new StubService[] { user, book, image, notification }) {
            if (stub != null) {
                stub.hold.countDown();
                stub.stop();
            }
        }
    }

    @Override
    public int order() {
        return 100;
    }
}
