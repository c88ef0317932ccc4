package io.stacks.notification.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The mails this service knows how to write: a Qute text and HTML pair under templates/mail/ each. */
public enum MailTemplate {

    VERIFY("verify", "Confirm your Stacks account", List.of("link")),
    RESET("reset", "Reset your Stacks password", List.of("link"));

    private final String id;
    private final String subject;
    private final List<String> requiredVariables;

    MailTemplate(String id, String subject, List<String> requiredVariables) {
        this.id = id;
        this.subject = subject;
        this.requiredVariables = requiredVariables;
    }

    public static Optional<MailTemplate> named(String name) {
        return Arrays.stream(values()).filter(template -> template.id.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(MailTemplate::id).toList();
    }

    public String id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public List<String> requiredVariables() {
        return requiredVariables;
    }
}
