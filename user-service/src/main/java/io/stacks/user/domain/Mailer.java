package io.stacks.user.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stacks.outbox.Outbox;
import io.stacks.outbox.PeerRequest;
import io.stacks.platform.api.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * E-mails with a one-time link, for notification-service to send: recorded in the outbox within the caller's
 * transaction, delivered after it commits. No mail goes out for a change that was rolled back.
 */
@ApplicationScoped
public class Mailer {

    static final String NOTIFICATION_SERVICE = "notification-service";

    private final Outbox outbox;
    private final PublicUrl publicUrl;
    private final ObjectMapper json;

    Mailer(Outbox outbox, PublicUrl publicUrl, ObjectMapper json) {
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    /** Records template `verify` or `reset` with a link to the web UI page of that name carrying the token. */
    void sendLink(String userId, String to, String template, String token) {
        String link = publicUrl.of("/app/" + template + "?token=" + token);
        Map<String, Object> mail = Map.of("to", to, "template", template, "variables", Map.of("link", link));
        try {
            outbox.record(PeerRequest.post("mail." + template, userId, NOTIFICATION_SERVICE, "/internal/mail",
                    json.writeValueAsString(mail)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
