package dev.kizuna.server.escalation.impl;

import dev.kizuna.server.escalation.Escalation;
import dev.kizuna.server.escalation.EscalationMailer;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.user.User;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mailer without {@code SMTP_HOST}: sends nothing, and says so once in the log. */
public final class DisabledMailer implements EscalationMailer {

  private static final Logger LOG = LoggerFactory.getLogger(DisabledMailer.class);
  private final AtomicBoolean told = new AtomicBoolean();

  @Override
  public Future<Void> send(User recipient, Escalation escalation, Meeting meeting, String raisedByName) {
    if (told.compareAndSet(false, true)) {
      LOG.warn("SMTP_HOST is not set: escalations reach HR in the app only, not by e-mail");
    }
    return Future.succeededFuture();
  }
}
