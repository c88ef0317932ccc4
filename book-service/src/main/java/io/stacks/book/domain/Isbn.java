package io.stacks.book.domain;

/** ISBN-10 and ISBN-13 as printed (hyphens and spaces allowed), checked by their check digit. */
public final class Isbn {

    private Isbn() {
    }

    /** The ISBN without separators, or null when it is not a valid ISBN-10 or ISBN-13. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String isbn = raw.replaceAll("[\\s-]", "").toUpperCase();
        if (isbn.matches("\\d{9}[\\dX]") && isbn10ChecksumHolds(isbn)) {
            return isbn;
        }
        if (isbn.matches("97[89]\\d{10}") && isbn13ChecksumHolds(isbn)) {
            return isbn;
        }
        return null;
    }

    private static boolean isbn10ChecksumHolds(String isbn) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int digit = isbn.charAt(i) == 'X' ? 10 : isbn.charAt(i) - '0';
            sum += digit * (10 - i);
        }
        return sum % 11 == 0;
    }

    private static boolean isbn13ChecksumHolds(String isbn) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }
}
