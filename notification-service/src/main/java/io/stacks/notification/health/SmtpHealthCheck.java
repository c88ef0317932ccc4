package io.stacks.notification.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the mail server accepts connections (GreenMail locally, SES's SMTP endpoint in AWS). */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;

    SmtpHealthCheck(@ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") OptionalInt port,
            @ConfigProperty(name = "quarkus.mailer.ssl", defaultValue = "false") boolean ssl) {
        this.host = host;
        // The mailer's own defaults when no port is set: 465 for SMTPS, 25 otherwise.
        this.port = port.orElse(ssl ? 465 : 25);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("smtp").withData("server", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return response.up().build();
        } catch (IOException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
