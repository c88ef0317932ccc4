package io.stacks.system;

import java.util.concurrent.ThreadLocalRandom;

final class Isbns {

    private Isbns() {
    }

    /** A random ISBN-13 with a correct check digit, so runs never collide on the unique ISBN. */
    static String random() {
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
