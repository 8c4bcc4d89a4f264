// The reference JavaScript sync server for MemoSyncBench: a stock automerge-repo Repo behind
// WebSocketServerAdapter, as automerge-repo-sync-server runs it (shares nothing unasked), but
// in memory like the Kizuna side of the benchmark. Imports one document and prints
// {"port", "url"} on one line.
//
//   node reference-server.mjs <document.bin>
import { Repo } from "@automerge/automerge-repo";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { WebSocketServer } from "ws";
import { readFileSync } from "node:fs";
import { once } from "node:events";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, maxPayload: 64 * 1024 * 1024 });
await once(wss, "listening");
const repo = new Repo({
  network: [new WebSocketServerAdapter(wss)],
  peerId: `reference-sync-server-${process.pid}`,
  sharePolicy: async () => false,
});
const handle = repo.import(new Uint8Array(readFileSync(process.argv[2])));
console.log(JSON.stringify({ port: wss.address().port, url: handle.url }));
process.stdin.on("end", () => process.exit(0)); // ends with the benchmark that started it
process.stdin.resume();
