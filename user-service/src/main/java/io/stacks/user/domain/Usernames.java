package io.stacks.user.domain;

import io.stacks.platform.problem.ProblemException;
import java.util.regex.Pattern;

/** Usernames are e-mail addresses, compared and stored trimmed and in lower case. */
final class Usernames {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern EMAIL = Pattern
            .compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@" + LABEL + "(?:\\." + LABEL + ")+");

    private Usernames() {
    }

    static String normalise(String username) {
        return io.stacks.platform.auth.Usernames.normalise(username);
    }

    /** The normalised username, or a 400 problem on `username` if it is not an e-mail address. */
    static String valid(String username) {
        String normalised = normalise(username);
        if (normalised.length() > MAX_LENGTH || !EMAIL.matcher(normalised).matches()
                || normalised.indexOf('@') > MAX_LOCAL_LENGTH) {
            throw ProblemException.invalidField("username", "must be a valid e-mail address");
        }
        return normalised;
    }
}
