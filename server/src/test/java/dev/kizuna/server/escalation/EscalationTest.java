package dev.kizuna.server.escalation;

import static dev.kizuna.server.testing.KizunaNode.createMeeting;
import static dev.kizuna.server.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kizuna.server.testing.Account;
import dev.kizuna.server.testing.Api;
import dev.kizuna.server.testing.KizunaNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Critical escalation on a whole node whose SMTP server is GreenMail, a real SMTP server in this JVM:
 * the designated HR users get an in-app notification and an e-mail; the note reaches neither the
 * e-mail nor the log.
 */
class EscalationTest {

  private static GreenMail smtp;
  private static KizunaNode node;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    node = new KizunaNode()
        .with("SMTP_HOST", "127.0.0.1")
        .with("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()))
        .with("SMTP_STARTTLS", "false")
        .with("SMTP_FROM", "kizuna@example.test")
        .with("KIZUNA_PUBLIC_URL", "https://kizuna.example.test/")
        .start();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @DisplayName("either party marks something critical: HR of the member's unit (and organisation-wide HR) is notified in the app and by e-mail, without the note in mail or log")
  void escalationReachesDesignatedHr() throws Exception {
    String unit = "Eng" + System.nanoTime();
    Account manager = node.createUser("Manager Mori", "en", unit, new String[] {"MANAGER"});
    Account member = node.createUser("Member Mina", "en", unit + "/Platform", new String[] {"MEMBER"});
    String pairId = node.createPair(manager.id(), member.id()).getString("id");
    Api memberApi = node.login(member);
    Account hrOfUnit = node.createUser("Hana HR", "ja", unit, new String[] {"HR"});
    Account hrElsewhere = node.createUser("Sato HR", "en", "Sales" + System.nanoTime(), new String[] {"HR"});
    String meetingId = createMeeting(memberApi, pairId).getString("id");
    String note = "Harassment risk: colleague X shouts at me " + System.nanoTime();

    Logger kizunaLogs = (Logger) LoggerFactory.getLogger("dev.kizuna");
    Level before = kizunaLogs.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    kizunaLogs.addAppender(logs);
    kizunaLogs.setLevel(Level.DEBUG);
    HttpResponse<Buffer> raised;
    try {
      raised = memberApi.post("/api/meetings/" + meetingId + "/escalations", new JsonObject().put("note", note));
      assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
      assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("an e-mail arrives").isTrue();
    } finally {
      kizunaLogs.detachAppender(logs);
      kizunaLogs.setLevel(before);
    }
    assertThat(raised.bodyAsJsonObject().getJsonObject("escalation").getString("role")).isEqualTo("MEMBER");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly(hrOfUnit.email());
    assertThat(mail.getFrom()[0].toString()).isEqualTo("kizuna@example.test");
    assertThat(mail.getSubject()).isEqualTo("Kizuna: 1on1で重要事項が報告されました");
    assertThat(mail.getContent().toString()).contains("Hana HR").contains("Member Mina").contains("Manager Mori")
        .contains("https://kizuna.example.test/shared-with-me").doesNotContain("Harassment");

    assertThat(logs.list).as("something was logged").isNotEmpty();
    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(note));

    Api hrApi = node.login(hrOfUnit);
    JsonArray notices = hrApi.get("/api/me/notifications").bodyAsJsonArray();
    assertThat(notices).hasSize(1);
    JsonObject notice = notices.getJsonObject(0);
    assertThat(notice.getString("kind")).isEqualTo("ESCALATION");
    assertThat(notice.getString("note")).isEqualTo(note);
    assertThat(notice.getString("actorName")).isEqualTo("Member Mina");
    assertThat(notice.getBoolean("read")).isFalse();
    Api otherHr = node.login(hrElsewhere);
    assertThat(otherHr.get("/api/me/notifications").bodyAsJsonArray()).as("HR of another unit is not told").isEmpty();
    assertProblem(otherHr.post("/api/me/notifications/" + notice.getString("id") + "/read", null), 404);
    HttpResponse<Buffer> read = hrApi.post("/api/me/notifications/" + notice.getString("id") + "/read", null);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(hrApi.get("/api/me/notifications").bodyAsJsonArray().getJsonObject(0).getBoolean("read")).isTrue();

    // the manager may escalate too; the stored escalation keeps the note for HR
    HttpResponse<Buffer> byManager = node.login(manager).post("/api/meetings/" + meetingId + "/escalations",
        new JsonObject().put("note", "Member seems exhausted"));
    assertThat(byManager.statusCode()).as(byManager.bodyAsString()).isEqualTo(201);
    assertThat(byManager.bodyAsJsonObject().getInteger("notified")).isEqualTo(1);
    assertThat(smtp.waitForIncomingEmail(15_000, 2)).isTrue();
    List<String> notes = hrApi.get("/api/me/notifications").bodyAsJsonArray().stream()
        .map(o -> ((JsonObject) o).getString("note")).toList();
    assertThat(notes).containsExactly("Member seems exhausted", note);
  }
}
