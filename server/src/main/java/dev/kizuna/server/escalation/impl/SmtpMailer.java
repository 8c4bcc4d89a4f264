package dev.kizuna.server.escalation.impl;

import dev.kizuna.server.config.MailSettings;
import dev.kizuna.server.escalation.Escalation;
import dev.kizuna.server.escalation.EscalationMailer;
import dev.kizuna.server.meeting.Meeting;
import dev.kizuna.server.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.text.MessageFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** Sends escalation e-mails through an SMTP server with vertx-mail-client; texts from {@code i18n/escalation}. */
public final class SmtpMailer implements EscalationMailer {

  private final MailClient client;
  private final String from;
  private final String publicUrl;

  public SmtpMailer(Vertx vertx, MailSettings settings, String publicUrl) {
    MailConfig config = new MailConfig()
        .setHostname(settings.host().orElseThrow())
        .setPort(settings.port())
        .setStarttls(settings.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
        .setLogin(settings.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED);
    settings.username().ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    this.client = MailClient.createShared(vertx, config, "kizuna-escalations");
    this.from = settings.from();
    this.publicUrl = publicUrl;
  }

  @Override
  public Future<Void> send(User recipient, Escalation escalation, Meeting meeting, String raisedByName) {
    Locale locale = Locale.forLanguageTag(recipient.locale());
    ResourceBundle texts = ResourceBundle.getBundle("i18n.escalation", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
        .format(meeting.scheduledAt());
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(recipient.email())
        .setSubject(texts.getString("subject"))
        .setText(MessageFormat.format(texts.getString("body"), recipient.name(), raisedByName, meeting.memberName(),
            meeting.managerName(), date, publicUrl + "/shared-with-me"));
    return client.sendMail(message).mapEmpty();
  }

  @Override
  public void close() {
    client.close();
  }
}
