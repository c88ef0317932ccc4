package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandinsTestResourceLifecycleTest {

    @Test
    void stopDeletesTheRunsKeysAndForgetsTheStandins() {
        StandinsTestResource standins = new StandinsTestResource();
        standins.init(Map.of("service", "gateway"));
        Path publicKey = Path.of(URI.create(standins.start().get("mp.jwt.verify.publickey.location")));
        assertTrue(Files.exists(publicKey));

        standins.stop();

        assertFalse(Files.exists(publicKey));
        assertFalse(Files.exists(publicKey.getParent().getParent()), "the run's data folder is left behind");
        assertNull(StandinsTestResource.backends());
    }

    @Test
    void everyRunHasKeysAndSecretsOfItsOwn() {
        StandinsTestResource first = new StandinsTestResource();
        first.init(Map.of("service", "gateway"));
        String firstSecret = first.start().get("stacks.auth.client-secret");
        first.stop();
        StandinsTestResource second = new StandinsTestResource();
        second.init(Map.of("service", "gateway"));
        String secondSecret = second.start().get("stacks.auth.client-secret");
        second.stop();
        assertNotEquals(firstSecret, secondSecret);
    }

    @Test
    void anUnknownServiceIsRefusedAtInit() {
        assertThrows(IllegalArgumentException.class,
                () -> new StandinsTestResource().init(Map.of("service", "billing-service")));
    }
}
