package dev.kizuna.server.escalation;

import dev.kizuna.server.config.MailSettings;
import dev.kizuna.server.escalation.impl.DisabledMailer;
import dev.kizuna.server.escalation.impl.SmtpMailer;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Tells HR users by e-mail that something was marked critical. */
public interface EscalationMailer {

  /**
   * Sends one message to {@code recipient} in their language about {@code escalation}. The message names
   * the pair and links to the app; the note itself stays in the app (e-mail leaves our control).
   */
  Future<Void> send(User recipient, Escalation escalation, Meeting meeting, String raisedByName);

  /** An SMTP mailer (vertx-mail-client) when {@code settings} name a host, else one that sends nothing. */
  static EscalationMailer create(Vertx vertx, MailSettings settings, String publicUrl) {
    return settings.enabled() ? new SmtpMailer(vertx, settings, publicUrl) : new DisabledMailer();
  }

  /** Releases the SMTP connections. */
  default void close() {}
}
