package io.stacks.notification.domain;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.stacks.notification.config.DeliveriesConfig;
import io.stacks.notification.store.DeliveryStore;
import io.stacks.platform.problem.ProblemException;
import io.stacks.platform.problem.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes a mail from its template and sends it, recording it first: the record is PENDING before the mail
 * server is asked, so a mail that went out is never missing from the log, and no mail goes out unrecorded.
 */
@ApplicationScoped
public class MailService {

    /** The HTTP header that ties a received mail to its delivery record. */
    public static final String DELIVERY_HEADER = "X-Stacks-Delivery-Id";

    private static final Logger LOG = Logger.getLogger(MailService.class);
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https");

    private final Engine qute;
    private final Mailer mailer;
    private final DeliveryStore deliveries;
    private final DeliveriesConfig config;
    private final Clock clock = Clock.systemUTC();

    MailService(Engine qute, Mailer mailer, DeliveryStore deliveries, DeliveriesConfig config) {
        this.qute = qute;
        this.mailer = mailer;
        this.deliveries = deliveries;
        this.config = config;
    }

    /**
     * Sends the mail synchronously, once per idempotency key: a key seen before answers with the first delivery
     * and sends nothing (the outbox of a caller may deliver the same request twice).
     *
     * @param idempotencyKey null when the caller does not retry
     * @return the delivery id and its status (SENT, or the first delivery's for a repeated key)
     * @throws ProblemException 400 for an unknown template or a missing or bad variable, 503 when the delivery
     *         log or the mail server is unavailable (the mail was not sent)
     */
    public MailOutcome send(String to, String templateName, Map<String, String> variables, String idempotencyKey) {
        MailTemplate template = MailTemplate.named(templateName).orElseThrow(() -> ProblemException.invalidField(
                "template", "unknown template '" + templateName + "' (known: " + String.join(", ",
                        MailTemplate.names()) + ")"));
        checkVariables(template, variables);
        Mail mail = render(template, variables).addTo(to);

        Instant now = clock.instant();
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), to, template, template.subject(),
                RequestIds.current(), now, now.plus(config.retention()));
        try {
            if (idempotencyKey != null) {
                Optional<MailOutcome> earlier = earlierDelivery(idempotencyKey, delivery);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            deliveries.recordPending(delivery);
        } catch (SdkException e) {
            LOG.errorf("delivery log unavailable, %s mail not sent: %s", template.id(), e.toString());
            releaseQuietly(idempotencyKey);
            throw ProblemException.unavailable("the delivery log is unavailable; the mail was not sent");
        }

        try {
            mailer.send(mail.addHeader(DELIVERY_HEADER, delivery.id()));
        } catch (RuntimeException e) {
            String error = rootCause(e).getClass().getName();
            LOG.errorf("delivery %s failed: %s", delivery.id(), rootCause(e).toString());
            recordFailure(delivery.id(), error);
            releaseQuietly(idempotencyKey);
            throw ProblemException.unavailable("the mail server is unavailable; the mail was not sent");
        }

        try {
            deliveries.markSent(delivery.id(), clock.instant());
        } catch (SdkException e) {
            // The mail is out and its PENDING record exists; failing now would make the caller retry a sent mail.
            LOG.warnf("delivery %s sent but still recorded PENDING: %s", delivery.id(), e.toString());
        }
        return new MailOutcome(delivery.id(), DeliveryStatus.SENT);
    }

    /**
     * The delivery that already holds the key, if one does and did not fail; a failed one's key (left behind when
     * freeing it failed) passes to this delivery, so a retry sends instead of reporting a mail never sent.
     */
    private Optional<MailOutcome> earlierDelivery(String key, Delivery delivery) {
        String holder = deliveries.claimIdempotencyKey(key, delivery.id(), delivery.expiresAt())
                .orElseThrow(() -> ProblemException.unavailable("a mail with this idempotency key is being retried; "
                        + "try again shortly"));
        if (holder.equals(delivery.id())) {
            return Optional.empty();
        }
        DeliveryStatus status = deliveries.status(holder).map(DeliveryStatus::valueOf).orElse(DeliveryStatus.PENDING);
        if (status == DeliveryStatus.FAILED
                && deliveries.takeOverIdempotencyKey(key, holder, delivery.id(), delivery.expiresAt())) {
            return Optional.empty();
        }
        LOG.infof("mail with idempotency key %s already taken as delivery %s; not sent again", key, holder);
        return Optional.of(new MailOutcome(holder, status));
    }

    /** A key whose mail was not sent is freed, so the caller's retry may send; if that fails, it expires. */
    private void releaseQuietly(String idempotencyKey) {
        if (idempotencyKey == null) {
            return;
        }
        try {
            deliveries.releaseIdempotencyKey(idempotencyKey);
        } catch (SdkException e) {
            LOG.warnf("idempotency key %s stays taken until it expires: %s", idempotencyKey, e.toString());
        }
    }

    private void checkVariables(MailTemplate template, Map<String, String> variables) {
        for (String name : template.requiredVariables()) {
            String value = variables.get(name);
            if (value == null || value.isBlank()) {
                throw ProblemException.invalidField("variables." + name,
                        "is required by template '" + template.id() + "'");
            }
        }
        String link = variables.get("link");
        if (link != null && !isWebLink(link)) {
            throw ProblemException.invalidField("variables.link", "must be an absolute http(s) URL");
        }
    }

    private Mail render(MailTemplate template, Map<String, String> variables) {
        String text = data(qute.getTemplate("mail/" + template.id() + ".txt").instance(), variables).render();
        String html = data(qute.getTemplate("mail/" + template.id() + ".html").instance(), variables).render();
        return new Mail().setSubject(template.subject()).setText(text).setHtml(html);
    }

    private static TemplateInstance data(TemplateInstance instance, Map<String, String> variables) {
        variables.forEach(instance::data);
        return instance;
    }

    private void recordFailure(String id, String error) {
        try {
            deliveries.markFailed(id, clock.instant(), error);
        } catch (SdkException e) {
            LOG.warnf("delivery %s failed and is still recorded PENDING: %s", id, e.toString());
        }
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return uri.getScheme() != null && LINK_SCHEMES.contains(uri.getScheme().toLowerCase())
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
