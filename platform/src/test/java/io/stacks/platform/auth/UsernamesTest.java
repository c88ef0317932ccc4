package io.stacks.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UsernamesTest {

    @Test
    void trimsAndLowersEverySpellingToOne() {
        assertEquals("alice@example.com", Usernames.normalise("  Alice@Example.COM \t"));
        assertEquals(Usernames.normalise("alice@example.com"), Usernames.normalise(" ALICE@EXAMPLE.COM "));
    }

    @Test
    void lowersWithoutTheDefaultLocale() {
        // In a Turkish locale "I".toLowerCase() is a dotless i; a username must not depend on the JVM's locale.
        assertEquals("info@example.com", Usernames.normalise("INFO@EXAMPLE.COM"));
    }
}
