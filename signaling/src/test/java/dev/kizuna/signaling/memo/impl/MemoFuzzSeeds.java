package dev.kizuna.signaling.memo.impl;

import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.RepoCodec;
import dev.kizuna.signaling.memo.RepoMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.SyncState;
import org.automerge.Transaction;

/**
 * Writes the stored memo and the seed frames of {@link MemoSocketFuzzTest} into the test
 * resources. Automerge documents get random actor ids, so the seeds' changes only fit the base
 * document written with them: regenerate both together ({@code java ... MemoFuzzSeeds
 * signaling/src/test/resources}), never one alone.
 */
final class MemoFuzzSeeds {

  static final String SERVER = "kizuna-fuzz-server";
  static final String ATTACKER = "fuzz-attacker";
  static final DocumentId DOC = new DocumentId("4DuvTj6TeZk8gA6yjPyZrxkfacRi");
  static final String BASE_RESOURCE = "memo-fuzz-base.automerge";

  private MemoFuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0], "dev", "kizuna", "signaling", "memo", "impl");
    Path seeds = dir.resolve("MemoSocketFuzzTestInputs").resolve("frames");
    Files.createDirectories(seeds);

    Document base = new Document();
    try (Transaction tx = base.startTransaction()) {
      ObjectId free = tx.set(ObjectId.ROOT, "free", ObjectType.TEXT);
      tx.spliceText(free, 0, 0, "hello");
      tx.set(ObjectId.ROOT, "schemaVersion", 1);
      tx.commit();
    }
    byte[] saved = base.save();
    Files.write(dir.resolve(BASE_RESOURCE), saved);

    write(seeds, "join", new RepoMessage.Join(ATTACKER, Map.of("isEphemeral", true), List.of("1")));
    Document empty = new Document();
    write(seeds, "request", new RepoMessage.Request(ATTACKER, SERVER, DOC,
        empty.generateSyncMessage(new SyncState()).orElseThrow()));
    write(seeds, "ephemeral", new RepoMessage.Ephemeral(ATTACKER, SERVER, DOC, "session-1", 1,
        new byte[] {(byte) 0xa1, 0x61, 0x78, 0x01}));
    write(seeds, "leave", new RepoMessage.Leave(ATTACKER));
    write(seeds, "remote-heads", new RepoMessage.RemoteHeadsChanged(ATTACKER, SERVER, DOC,
        Map.of("store", Map.of("heads", List.of("abc"), "timestamp", 1L))));

    // A real exchange: the attacker edits its copy and syncs with a server copy; every message it
    // sends on the way (heads, then changes) is a seed.
    Document attacker = Document.load(saved);
    try (Transaction tx = attacker.startTransaction()) {
      ObjectId free = ((org.automerge.AmValue.Text) attacker.get(ObjectId.ROOT, "free").orElseThrow()).getId();
      tx.spliceText(free, 5, 0, " world");
      tx.commit();
    }
    Document server = Document.load(saved);
    SyncState attackerState = new SyncState();
    SyncState serverState = new SyncState();
    int n = 0;
    for (int round = 0; round < 10; round++) {
      Optional<byte[]> out = attacker.generateSyncMessage(attackerState);
      out.ifPresent(m -> server.receiveSyncMessage(serverState, m));
      if (out.isPresent()) {
        write(seeds, "sync-" + n++, new RepoMessage.Sync(ATTACKER, SERVER, DOC, out.get()));
      }
      Optional<byte[]> back = server.generateSyncMessage(serverState);
      back.ifPresent(m -> attacker.receiveSyncMessage(attackerState, m));
      if (out.isEmpty() && back.isEmpty()) {
        break;
      }
    }
  }

  private static void write(Path dir, String name, RepoMessage message) throws IOException {
    Files.write(dir.resolve(name), RepoCodec.encode(message));
  }
}
