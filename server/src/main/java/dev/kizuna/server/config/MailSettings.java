package dev.kizuna.server.config;

import java.util.Optional;

/**
 * How Kizuna sends e-mail (escalations to HR), from the {@code SMTP_*} settings.
 *
 * @param host SMTP server; empty: e-mail is disabled
 * @param port SMTP port
 * @param from sender address
 * @param username login, if the server needs one
 * @param password password of {@code username}
 * @param startTls {@code true}: require STARTTLS; {@code false}: plain connection
 */
public record MailSettings(Optional<String> host, int port, String from, Optional<String> username,
    Optional<String> password, boolean startTls) {

  /** Whether an SMTP server is configured. */
  public boolean enabled() {
    return host.isPresent();
  }
}
