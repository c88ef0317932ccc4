package io.stacks.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What user-service is told by its environment (devstack locally, ECS in AWS). */
@ConfigMapping(prefix = "stacks")
public interface StacksConfig {

    Users users();

    Jwt jwt();

    Tokens tokens();

    interface Users {
        /** Usernames that become administrators when they sign up. */
        Optional<List<String>> admins();

        /**
         * How long POST /reset takes at least, whether or not the account exists, so that its timing does not tell
         * which accounts exist. Above what the work for an existing account takes.
         */
        @WithDefault("250ms")
        Duration resetAnswerTime();
    }

    interface Jwt {
        /** PKCS#8 PEM text of the RSA key access tokens are signed with. */
        String privateKey();
    }

    interface Tokens {
        /** DynamoDB table of the one-time verification and reset tokens. */
        @WithDefault("stacks-user-tokens")
        String table();
    }
}
