// A stock automerge-repo client (Repo + WebSocketClientAdapter, no storage) for MemoSyncBench.
// Prints one JSON line and exits.
//
//   node client.mjs join <wsUrl> <docUrl> <heads.json> <edits> [have.bin]
//     Finds the document (having imported have.bin first: a stale client) and waits until it
//     has the heads recorded for <edits>, then 500 ms more for trailing messages. Prints the
//     binary WebSocket messages received: {messages, bytes}.
//   node client.mjs type <wsUrl> <docUrl> <heads.json> <edits> <keystrokes> <warmup> <pauseMs>
//     After syncing as above, types one character at a time at the end of `free`, each
//     <pauseMs> after the previous one was acknowledged, and prints {samplesMs: [...]}: for each
//     keystroke after the warm-up, from the client sending the sync message that carries it to
//     the client receiving a server sync message whose heads include it.
import { Repo, cbor, parseAutomergeUrl } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { next as A } from "@automerge/automerge";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sleep, until } from "./wait.mjs";

const [mode, wsUrl, docUrl, headsFile, editsArg, ...rest] = process.argv.slice(2);
const expectedHeads = JSON.parse(readFileSync(headsFile, "utf8"))[editsArg];

const received = { messages: 0, bytes: 0 };
let keystroke = null; // {head, sentAt, ackedAt} of the keystroke in flight

class MeasuringAdapter extends WebSocketClientAdapter {
  send(message) {
    if (keystroke && keystroke.sentAt === undefined && message.type === "sync"
        && A.decodeSyncMessage(message.data).changes.length > 0) {
      keystroke.sentAt = performance.now();
    }
    super.send(message);
  }

  receiveMessage(messageBytes) {
    const now = performance.now();
    received.messages += 1;
    received.bytes += messageBytes.byteLength;
    const message = cbor.decode(new Uint8Array(messageBytes));
    if (keystroke && message.type === "sync" && A.decodeSyncMessage(message.data).heads.includes(keystroke.head)) {
      keystroke.ackedAt ??= now;
    }
    super.receiveMessage(messageBytes);
  }
}

const sameHeads = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const repo = new Repo({ network: [new MeasuringAdapter(wsUrl)] });
// The adapter calls itself ready after a second even without a server; a document looked up with
// no peer at all is unavailable at once, so wait for the server's `peer` message.
await until(() => repo.peers.length > 0, "the server's peer message");
if (mode === "join" && rest[0]) {
  repo.import(new Uint8Array(readFileSync(rest[0])), { docId: parseAutomergeUrl(docUrl).documentId });
}
const handle = await repo.find(docUrl);
await until(() => sameHeads(A.getHeads(handle.doc()), expectedHeads), "the document's heads");

if (mode === "join") {
  await sleep(500);
  console.log(JSON.stringify(received));
} else {
  const [keystrokes, warmup, pauseMs] = rest.map(Number);
  const samplesMs = [];
  for (let i = 0; i < warmup + keystrokes; i++) {
    await sleep(pauseMs);
    const text = handle.doc().free;
    keystroke = {};
    handle.change(d => A.splice(d, ["free"], text.length, 0, "abcdefghijklmnopqrstuvwxyz "[i % 27]));
    keystroke.head = A.getHeads(handle.doc())[0];
    await until(() => keystroke.ackedAt !== undefined, `acknowledgement of keystroke ${i}`, 10_000);
    if (i >= warmup) samplesMs.push(keystroke.ackedAt - keystroke.sentAt);
  }
  console.log(JSON.stringify({ samplesMs }));
}
process.exit(0);
