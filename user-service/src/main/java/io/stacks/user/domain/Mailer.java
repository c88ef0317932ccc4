package io.stacks.user.domain;

import io.stacks.platform.api.PublicUrl;
import io.stacks.platform.problem.ProblemException;
import io.stacks.user.client.MailRequest;
import io.stacks.user.client.NotificationClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Hands e-mails with a one-time link to notification-service; failing that, a 503 problem. */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class);

    private final NotificationClient notifications;
    private final AccessTokens accessTokens;
    private final PublicUrl publicUrl;

    Mailer(@RestClient NotificationClient notifications, AccessTokens accessTokens, PublicUrl publicUrl) {
        this.notifications = notifications;
        this.accessTokens = accessTokens;
        this.publicUrl = publicUrl;
    }

    /** Sends template `verify` or `reset` with a link to the web UI page of that name carrying the token. */
    void sendLink(String to, String template, String token) {
        String link = publicUrl.of("/app/" + template + "?token=" + token);
        try {
            notifications.send(accessTokens.serviceBearer(), new MailRequest(to, template, Map.of("link", link)));
        } catch (RuntimeException e) {
            LOG.errorf("notification-service did not take the %s e-mail: %s", template, e.toString());
            throw ProblemException.unavailable("the e-mail could not be sent; try again later");
        }
    }
}
