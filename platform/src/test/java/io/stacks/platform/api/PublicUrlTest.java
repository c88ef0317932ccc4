package io.stacks.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PublicUrlTest {

    private static PublicUrl at(String base) {
        return new PublicUrl(() -> base);
    }

    @Test
    void prefixesAPathWithTheBase() {
        assertEquals("https://stacks.example/book/42", at("https://stacks.example").of("/book/42"));
    }

    @Test
    void trimsATrailingSlashOfTheBase() {
        assertEquals("https://stacks.example/book/42", at("https://stacks.example/").of("/book/42"));
    }

    @Test
    void trimsSeveralTrailingSlashesOfTheBase() {
        assertEquals("https://stacks.example/api/book", at("https://stacks.example/api///").of("/book"));
    }

    @Test
    void keepsABasePath() {
        assertEquals("http://localhost:8080/api/book", at("http://localhost:8080/api").of("/book"));
    }
}
