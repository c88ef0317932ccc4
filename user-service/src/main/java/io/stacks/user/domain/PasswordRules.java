package io.stacks.user.domain;

import io.stacks.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a new password must satisfy; the first rule broken is named in a 400 problem on `password`. */
final class PasswordRules {

    static final int MIN_CHARACTERS = 8;
    /** bcrypt ignores everything after 72 bytes. */
    static final int MAX_BYTES = 72;
    /** A shorter local part ("al@...") would forbid too many ordinary passwords. */
    private static final int MIN_LOCAL_PART_CHECKED = 3;

    private PasswordRules() {
    }

    static void check(String password, String username) {
        String broken = brokenRule(password, username);
        if (broken != null) {
            throw ProblemException.invalidField("password", broken);
        }
    }

    static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private static String brokenRule(String password, String username) {
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return "must be at least " + MIN_CHARACTERS + " characters";
        }
        if (!fitsBcrypt(password)) {
            return "must be at most " + MAX_BYTES + " bytes";
        }
        if (password.codePoints().noneMatch(Character::isLetter)) {
            return "must contain a letter";
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            return "must contain a digit";
        }
        if (containsUsername(password.toLowerCase(Locale.ROOT), username)) {
            return "must not contain the username";
        }
        return null;
    }

    private static boolean containsUsername(String password, String username) {
        String localPart = username.substring(0, Math.max(username.indexOf('@'), 0));
        return password.contains(username)
                || (localPart.length() >= MIN_LOCAL_PART_CHECKED && password.contains(localPart));
    }
}
