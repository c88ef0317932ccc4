package io.stacks.user.domain;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.stacks.platform.problem.ProblemException;
import io.stacks.user.config.StacksConfig;
import io.stacks.user.store.StoredToken;
import io.stacks.user.store.TokenStore;
import io.stacks.user.store.User;
import io.stacks.user.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

/** Sign-up, e-mail verification, login and looking up one's own account. */
@ApplicationScoped
public class Accounts {

    static final int BCRYPT_COST = 10;
    static final Duration VERIFY_TOKEN_LIFETIME = Duration.ofHours(24);
    static final String INVALID_TOKEN = "the token is invalid or has expired";
    private static final String BAD_CREDENTIALS = "the username or password is wrong";
    /** Compared against when the user is unknown, so that a wrong username costs as long as a wrong password. */
    private static final String DECOY_HASH = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), BCRYPT_COST);

    private final UserRepository users;
    private final TokenStore tokens;
    private final Mailer mailer;
    private final AccessTokens accessTokens;
    private final Set<String> admins;

    Accounts(UserRepository users, TokenStore tokens, Mailer mailer, AccessTokens accessTokens,
            StacksConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.mailer = mailer;
        this.accessTokens = accessTokens;
        this.admins = config.users().admins().orElse(List.of()).stream().map(Usernames::normalise)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Creates an unverified account and records its verification e-mail, in one short transaction that waits on
     * no other service: the mail goes out after commit. The verification token is stored first (DynamoDB); if the
     * account cannot be written it is deleted again, and a leftover would only point at no account.
     */
    public Account register(String requestedUsername, String password) {
        String username = Usernames.valid(requestedUsername);
        PasswordRules.check(password, username);
        if (users.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("user already exists");
        }
        User user = new User();
        user.id = UUID.randomUUID().toString();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        user.role = (admins.contains(username) ? Role.ADMIN : Role.MEMBER).column();
        user.verified = false;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = OneTimeTokens.newToken();
        String key = OneTimeTokens.verifyKey(token);
        tokens.put(key, user.id, Instant.now().plus(VERIFY_TOKEN_LIFETIME));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                users.persistAndFlush(user);
                mailer.sendLink(user.id, username, "verify", token);
            });
        } catch (RuntimeException e) {
            tokens.deleteQuietly(key);
            if (isConstraintViolation(e)) {
                throw ProblemException.conflict("user already exists"); // a concurrent sign-up won the race
            }
            throw e;
        }
        return Account.of(user);
    }

    /** Uses up a verification token and marks its account verified. */
    @Transactional
    public Account verify(String token) {
        StoredToken stored = tokens.take(OneTimeTokens.verifyKey(token)).filter(t -> t.isValidAt(Instant.now()))
                .orElseThrow(() -> ProblemException.badRequest(INVALID_TOKEN));
        User user = users.findByIdOptional(stored.userId())
                .orElseThrow(() -> ProblemException.badRequest(INVALID_TOKEN));
        user.verified = true;
        return Account.of(user);
    }

    /** Checks the password and issues an access token; the same answer for an unknown user and a wrong password. */
    public IssuedToken login(String username, String password) {
        Optional<User> found = users.findByUsername(Usernames.normalise(username));
        boolean matches = PasswordRules.fitsBcrypt(password)
                && BcryptUtil.matches(password, found.map(user -> user.passwordHash).orElse(DECOY_HASH));
        User user = found.filter(u -> matches).orElseThrow(() -> ProblemException.unauthorized(BAD_CREDENTIALS));
        if (!user.verified) {
            throw ProblemException.forbidden("the account is not verified yet");
        }
        return accessTokens.forUser(user.id, user.username, Role.ofColumn(user.role).groups());
    }

    public Account find(String userId) {
        return users.findByIdOptional(userId).map(Account::of)
                .orElseThrow(() -> ProblemException.unauthorized("the account no longer exists"));
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
