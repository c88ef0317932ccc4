package io.stacks.user.client;

import java.util.Map;

/** What notification-service needs to send one templated e-mail. */
public record MailRequest(String to, String template, Map<String, String> variables) {
}
