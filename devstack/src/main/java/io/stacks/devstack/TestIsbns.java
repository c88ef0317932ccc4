package io.stacks.devstack;

import java.util.concurrent.ThreadLocalRandom;

/** ISBNs for tests: random, so runs against a kept database never collide on the catalogue's unique ISBN. */
public final class TestIsbns {

    private TestIsbns() {
    }

    /** A random ISBN-13 (prefix 979) with a correct check digit, without hyphens. */
    public static String random() {
        StringBuilder isbn = new StringBuilder("979");
        for (int i = 0; i < 9; i++) {
            isbn.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return isbn.append((10 - sum % 10) % 10).toString();
    }
}
