package dev.kizuna.server.memo;

import dev.kizuna.server.agenda.AgendaItem;
import java.util.List;
import java.util.Optional;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * The shape of Kizuna's memo documents (docs/PROTOCOL.md, "Memo socket"). Shared memo root:
 * {@code items: [{topic, expectation, notes: text}]} one per agenda item, {@code keepInMind:
 * {member: text, manager: text}}, {@code nextTopics: text}, {@code promises: [..]},
 * {@code free: text}, {@code schemaVersion}. Private notes root: {@code notes: text},
 * {@code schemaVersion}.
 */
public final class MemoSchema {

  /** Version written to {@code schemaVersion}. */
  public static final int VERSION = 1;

  private MemoSchema() {}

  /** A saved Automerge document holding an empty shared memo with one item per agenda item. */
  public static byte[] sharedMemo(List<AgendaItem> agenda) {
    Document doc = new Document();
    try (Transaction tx = doc.startTransaction()) {
      tx.set(ObjectId.ROOT, "schemaVersion", VERSION);
      ObjectId items = tx.set(ObjectId.ROOT, "items", ObjectType.LIST);
      for (int i = 0; i < agenda.size(); i++) {
        insertItem(tx, items, i, agenda.get(i));
      }
      ObjectId keep = tx.set(ObjectId.ROOT, "keepInMind", ObjectType.MAP);
      tx.set(keep, "member", ObjectType.TEXT);
      tx.set(keep, "manager", ObjectType.TEXT);
      tx.set(ObjectId.ROOT, "nextTopics", ObjectType.TEXT);
      tx.set(ObjectId.ROOT, "promises", ObjectType.LIST);
      tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
      tx.commit();
    }
    return saveAndFree(doc);
  }

  /** A saved Automerge document holding empty private notes. */
  public static byte[] privateNotes() {
    Document doc = new Document();
    try (Transaction tx = doc.startTransaction()) {
      tx.set(ObjectId.ROOT, "schemaVersion", VERSION);
      tx.set(ObjectId.ROOT, "notes", ObjectType.TEXT);
      tx.commit();
    }
    return saveAndFree(doc);
  }

  /**
   * Makes the memo's {@code items} follow {@code agenda} (while the member still edits it):
   * items of topics no longer on the agenda are removed, new topics get an empty item, an
   * item whose expectation changed is updated, and notes already written are kept.
   */
  public static void reconcileItems(Transaction tx, List<AgendaItem> agenda) {
    ObjectId items = listId(tx, ObjectId.ROOT, "items").orElseGet(() -> tx.set(ObjectId.ROOT, "items", ObjectType.LIST));
    for (long i = tx.length(items) - 1; i >= 0; i--) {
      String topic = string(tx, items, i, "topic");
      if (agenda.stream().noneMatch(a -> a.topic().name().equals(topic))) {
        tx.delete(items, i);
      }
    }
    for (int target = 0; target < agenda.size(); target++) {
      AgendaItem wanted = agenda.get(target);
      long at = indexOfTopic(tx, items, wanted.topic().name());
      if (at < 0) {
        insertItem(tx, items, target, wanted);
        continue;
      }
      ObjectId item = mapAt(tx, items, at);
      if (!wanted.expectation().name().equals(string(tx, items, at, "expectation"))) {
        tx.set(item, "expectation", wanted.expectation().name());
      }
    }
  }

  private static void insertItem(Transaction tx, ObjectId items, long index, AgendaItem agendaItem) {
    ObjectId item = tx.insert(items, Math.min(index, tx.length(items)), ObjectType.MAP);
    tx.set(item, "topic", agendaItem.topic().name());
    tx.set(item, "expectation", agendaItem.expectation().name());
    tx.set(item, "notes", ObjectType.TEXT);
  }

  private static long indexOfTopic(Transaction tx, ObjectId items, String topic) {
    for (long i = 0; i < tx.length(items); i++) {
      if (topic.equals(string(tx, items, i, "topic"))) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectId mapAt(Transaction tx, ObjectId list, long index) {
    return ((AmValue.Map) tx.get(list, (int) index).orElseThrow()).getId();
  }

  private static String string(Transaction tx, ObjectId list, long index, String key) {
    Optional<AmValue> item = tx.get(list, (int) index);
    if (item.isEmpty() || !(item.get() instanceof AmValue.Map map)) {
      return null;
    }
    return tx.get(map.getId(), key).filter(AmValue.Str.class::isInstance).map(v -> ((AmValue.Str) v).getValue()).orElse(null);
  }

  private static Optional<ObjectId> listId(Transaction tx, ObjectId parent, String key) {
    return tx.get(parent, key).filter(AmValue.List.class::isInstance).map(v -> ((AmValue.List) v).getId());
  }

  private static byte[] saveAndFree(Document doc) {
    try {
      return doc.save();
    } finally {
      doc.free();
    }
  }
}
