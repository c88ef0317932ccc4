package io.stacks.user.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's internal API; it requires a token with the service role. */
@RegisterRestClient(configKey = "notification-service")
@Path("/internal/mail")
public interface NotificationClient {

    /** Hands an e-mail over for sending; a lost answer is retried (a rare duplicate mail beats none). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200)
    void send(@HeaderParam("Authorization") String authorization, MailRequest mail);
}
