// Two stock automerge-repo clients in one process (one clock) for CrossNodeMemoBench: a writer on
// one server URL and a reader on another (or the same). Prints one JSON line and exits.
//
//   node relay.mjs <writerWsUrl> <readerWsUrl> <docUrl> <keystrokes> <warmup> <pauseMs>
//     Both find the document; the writer types one character at a time at the end of `free`, each
//     <pauseMs> after the reader received the previous one, and prints {samplesMs: [...]}: for each
//     keystroke after the warm-up, from the writer's adapter sending the sync message that carries
//     the change to the reader's adapter receiving a sync message that carries it.
import { Repo, cbor } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { next as A } from "@automerge/automerge";
import { performance } from "node:perf_hooks";
import { sleep, until } from "./wait.mjs";

const [writerUrl, readerUrl, docUrl, ...rest] = process.argv.slice(2);
const [keystrokes, warmup, pauseMs] = rest.map(Number);
let keystroke = null; // {head, sentAt, receivedAt} of the keystroke in flight

class WriterAdapter extends WebSocketClientAdapter {
  send(message) {
    if (keystroke && keystroke.sentAt === undefined && message.type === "sync"
        && A.decodeSyncMessage(message.data).changes.length > 0) {
      keystroke.sentAt = performance.now();
    }
    super.send(message);
  }
}

class ReaderAdapter extends WebSocketClientAdapter {
  receiveMessage(messageBytes) {
    const now = performance.now();
    const message = cbor.decode(new Uint8Array(messageBytes));
    if (keystroke && message.type === "sync"
        && A.decodeSyncMessage(message.data).changes.some(c => A.decodeChange(c).hash === keystroke.head)) {
      keystroke.receivedAt ??= now;
    }
    super.receiveMessage(messageBytes);
  }
}


const writerRepo = new Repo({ network: [new WriterAdapter(writerUrl)] });
const readerRepo = new Repo({ network: [new ReaderAdapter(readerUrl)] });
await until(() => writerRepo.peers.length > 0 && readerRepo.peers.length > 0, "the servers' peer messages");
const writer = await writerRepo.find(docUrl);
const reader = await readerRepo.find(docUrl);
await until(() => reader.doc().free === writer.doc().free, "both clients on the same text");

const samplesMs = [];
for (let i = 0; i < warmup + keystrokes; i++) {
  await sleep(pauseMs);
  const text = writer.doc().free;
  keystroke = {};
  writer.change(d => A.splice(d, ["free"], text.length, 0, "abcdefghijklmnopqrstuvwxyz "[i % 27]));
  keystroke.head = A.getHeads(writer.doc())[0];
  await until(() => keystroke.receivedAt !== undefined, `keystroke ${i} at the reader`, 10_000);
  if (i >= warmup) samplesMs.push(keystroke.receivedAt - keystroke.sentAt);
}
console.log(JSON.stringify({ samplesMs }));
process.exit(0);
