package dev.kizuna.server.memo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kizuna.server.agenda.AgendaItem;
import dev.kizuna.server.agenda.Expectation;
import dev.kizuna.server.agenda.Topic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.Transaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The memo documents' initial shape and how the items follow the agenda, on real Automerge documents. */
class MemoSchemaTest {

  private static final AgendaItem CAREER = new AgendaItem(Topic.CAREER, Expectation.THINK_TOGETHER, null);
  private static final AgendaItem WORK = new AgendaItem(Topic.WORK, Expectation.ADVICE, null);
  private static final AgendaItem POLICY = new AgendaItem(Topic.POLICY, Expectation.OPINION, null);

  @Test
  @DisplayName("a new shared memo has one empty item per agenda item and every section of the protocol")
  void sharedMemoShape() {
    JsonObject memo = MemoRenderer.toJson(Document.load(MemoSchema.sharedMemo(List.of(CAREER, WORK))));

    assertThat(memo.getInteger("schemaVersion")).isEqualTo(MemoSchema.VERSION);
    assertThat(memo.getJsonArray("items")).containsExactly(
        new JsonObject().put("topic", "CAREER").put("expectation", "THINK_TOGETHER").put("notes", ""),
        new JsonObject().put("topic", "WORK").put("expectation", "ADVICE").put("notes", ""));
    assertThat(memo.getJsonObject("keepInMind")).isEqualTo(new JsonObject().put("member", "").put("manager", ""));
    assertThat(memo.getString("nextTopics")).isEmpty();
    assertThat(memo.getJsonArray("promises")).isEqualTo(new JsonArray());
    assertThat(memo.getString("free")).isEmpty();
  }

  @Test
  @DisplayName("private notes hold one empty text")
  void privateNotesShape() {
    JsonObject notes = MemoRenderer.toJson(Document.load(MemoSchema.privateNotes()));

    assertThat(notes).isEqualTo(new JsonObject().put("schemaVersion", MemoSchema.VERSION).put("notes", ""));
  }

  @Test
  @DisplayName("reconciling adds new topics, drops removed ones, updates expectations and keeps written notes")
  void itemsFollowTheAgenda() {
    Document doc = Document.load(MemoSchema.sharedMemo(List.of(CAREER, WORK)));
    try (Transaction tx = doc.startTransaction()) {
      ObjectId items = ((AmValue.List) tx.get(ObjectId.ROOT, "items").orElseThrow()).getId();
      ObjectId career = ((AmValue.Map) tx.get(items, 0).orElseThrow()).getId();
      ObjectId notes = ((AmValue.Text) tx.get(career, "notes").orElseThrow()).getId();
      tx.spliceText(notes, 0, 0, "wants to lead a team");
      tx.commit();
    }

    try (Transaction tx = doc.startTransaction()) {
      MemoSchema.reconcileItems(tx, List.of(POLICY, new AgendaItem(Topic.CAREER, Expectation.LISTEN, null)));
      tx.commit();
    }

    JsonArray items = MemoRenderer.toJson(doc).getJsonArray("items");
    assertThat(items).containsExactly(
        new JsonObject().put("topic", "POLICY").put("expectation", "OPINION").put("notes", ""),
        new JsonObject().put("topic", "CAREER").put("expectation", "LISTEN").put("notes", "wants to lead a team"));
  }
}
