package io.stacks.user.domain;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.stacks.platform.problem.ProblemException;
import io.stacks.user.config.StacksConfig;
import io.stacks.user.store.TokenStore;
import io.stacks.user.store.User;
import io.stacks.user.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Forgotten passwords: a one-time link by e-mail, then a new password. */
@ApplicationScoped
public class PasswordResets {

    static final Duration RESET_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final UserRepository users;
    private final TokenStore tokens;
    private final Mailer mailer;
    private final Duration answerTime;

    PasswordResets(UserRepository users, TokenStore tokens, Mailer mailer, StacksConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.mailer = mailer;
        this.answerTime = config.users().resetAnswerTime();
    }

    /**
     * Records a reset link for sending if the account exists and none was sent within the token lifetime. The
     * caller learns nothing either way: not from the answer, and not from its timing, which is held to the same
     * floor on both paths (the mail itself goes out after the answer, through the outbox).
     */
    public void request(String username) {
        long started = System.nanoTime();
        try {
            requestFor(users.findByUsername(Usernames.normalise(username)).orElse(null));
        } finally {
            waitUntil(started + answerTime.toNanos());
        }
    }

    private void requestFor(User user) {
        if (user == null) {
            return;
        }
        Instant now = Instant.now();
        Instant expiresAt = now.plus(RESET_TOKEN_LIFETIME);
        String marker = OneTimeTokens.resetMarkerKey(user.id);
        if (!tokens.putUnlessLive(marker, user.id, expiresAt, now)) {
            return; // a reset mail went out recently: one is enough
        }
        String token = OneTimeTokens.newToken();
        String key = OneTimeTokens.resetKey(token);
        try {
            tokens.put(key, user.id, expiresAt);
            QuarkusTransaction.requiringNew().run(() -> mailer.sendLink(user.id, user.username, "reset", token));
        } catch (RuntimeException e) {
            tokens.deleteQuietly(key);
            tokens.deleteQuietly(marker); // so that asking again may send
            throw e;
        }
    }

    private static void waitUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            try {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sets a new password with a reset token. The token proves the mailbox is the user's, so the account counts
     * as verified from now on.
     *
     * @return the account's username
     */
    @Transactional
    public String confirm(String token, String password) {
        String key = OneTimeTokens.resetKey(token);
        User user = tokens.find(key).filter(stored -> stored.isValidAt(Instant.now()))
                .flatMap(stored -> users.findByIdOptional(stored.userId()))
                .orElseThrow(() -> ProblemException.badRequest(Accounts.INVALID_TOKEN));
        PasswordRules.check(password, user.username); // before the token is used up, so a weak try costs nothing
        tokens.take(key).filter(stored -> stored.isValidAt(Instant.now()) && stored.userId().equals(user.id))
                .orElseThrow(() -> ProblemException.badRequest(Accounts.INVALID_TOKEN));
        user.passwordHash = BcryptUtil.bcryptHash(password, Accounts.BCRYPT_COST);
        user.verified = true;
        user.passwordChangedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tokens.deleteQuietly(OneTimeTokens.resetMarkerKey(user.id));
        return user.username;
    }
}
