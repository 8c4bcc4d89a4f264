// A stock automerge-repo client (Repo + WebSocketClientAdapter, no storage) driven by JUnit over
// stdin/stdout: one JSON command per line in, one JSON answer per line out ({id, ok, result|error}).
// Only test code: it counts the bytes the server sends and records the server's error messages.
import { Repo, cbor } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { next as A } from "@automerge/automerge";
import readline from "node:readline";

class CountingAdapter extends WebSocketClientAdapter {
  bytesIn = 0;
  framesIn = 0;
  errors = [];
  unavailable = [];
  receiveMessage(messageBytes) {
    this.bytesIn += messageBytes.byteLength;
    this.framesIn += 1;
    try {
      const m = cbor.decode(new Uint8Array(messageBytes));
      if (m.type === "error") this.errors.push({ code: m.code ?? null, message: m.message });
      if (m.type === "sync") serverHeads.set(m.documentId, A.decodeSyncMessage(m.data).heads);
      if (m.type === "doc-unavailable") this.unavailable.push(m.documentId);
    } catch (e) {
      this.errors.push({ code: "client-decode", message: String(e) });
    }
    super.receiveMessage(messageBytes);
  }
}

let repo;
let adapter;
const serverHeads = new Map(); // documentId -> heads of the server's latest sync message
const handles = new Map();
const ephemeral = new Map();

const sleep = ms => new Promise(r => setTimeout(r, ms));
const withTimeout = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => { throw new Error(`timeout: ${what}`); })]);

function getPath(doc, path) {
  return path.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), doc);
}

function handleOf(url) {
  const h = handles.get(url);
  if (!h) throw new Error(`not found yet: ${url}`);
  return h;
}

function state(url) {
  const h = handleOf(url);
  const doc = h.doc();
  return { heads: A.getHeads(doc), doc: JSON.parse(JSON.stringify(doc)) };
}

async function waitUntil(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return;
    await sleep(10);
  }
  throw new Error(`timeout: ${what}`);
}

const commands = {
  async start({ url, retryMs = 200 }) {
    adapter = new CountingAdapter(url, retryMs);
    repo = new Repo({ network: [adapter] });
    await withTimeout(repo.networkSubsystem.whenReady(), 5000, "connect");
    // The stock adapter reports ready after 1 s even when not yet connected, and a find with no
    // peer at all is "unavailable" at once: wait for the server's peer message.
    await waitUntil(() => repo.peers.length > 0, 5000, "the server's peer message");
    return { peerId: repo.networkSubsystem.peerId };
  },
  async find({ url, timeoutMs = 5000 }) {
    const handle = await withTimeout(repo.find(url), timeoutMs, `find ${url}`);
    handles.set(url, handle);
    ephemeral.set(url, []);
    handle.on("ephemeral-message", ({ senderId, message }) => ephemeral.get(url).push({ senderId, message }));
    return state(url);
  },
  async splice({ url, path, index, del = 0, insert = "" }) {
    handleOf(url).change(d => A.splice(d, path, index, del, insert));
    return state(url);
  },
  async type({ url, path, index, text }) {
    // one change per character, as a person typing
    const h = handleOf(url);
    for (let i = 0; i < text.length; i++) {
      h.change(d => A.splice(d, path, index + i, 0, text[i]));
    }
    return state(url);
  },
  async put({ url, key, value }) {
    handleOf(url).change(d => { d[key] = value; });
    return state(url);
  },
  async state({ url }) {
    return state(url);
  },
  async waitFor({ url, path, equals, timeoutMs = 5000 }) {
    const h = handleOf(url);
    await waitUntil(() => JSON.stringify(getPath(h.doc(), path)) === JSON.stringify(equals), timeoutMs,
      `${path.join(".")} == ${JSON.stringify(equals)}; is ${JSON.stringify(getPath(h.doc(), path))}`);
    return state(url);
  },
  async waitHeads({ url, heads, timeoutMs = 5000 }) {
    const h = handleOf(url);
    const want = JSON.stringify([...heads].sort());
    await waitUntil(() => JSON.stringify([...A.getHeads(h.doc())].sort()) === want, timeoutMs,
      `heads ${want}; are ${JSON.stringify(A.getHeads(h.doc()))}`);
    return state(url);
  },
  async waitAcknowledged({ url, timeoutMs = 5000 }) {
    const h = handleOf(url);
    const acknowledged = () => {
      const server = serverHeads.get(h.documentId) ?? [];
      return A.getHeads(h.doc()).every(head => server.includes(head));
    };
    await waitUntil(acknowledged, timeoutMs, `server acknowledges ${JSON.stringify(A.getHeads(h.doc()))}`);
    return state(url);
  },
  async waitError({ code, timeoutMs = 5000 }) {
    await waitUntil(() => adapter.errors.some(e => e.code === code), timeoutMs, `error ${code}`);
    return adapter.errors;
  },
  async disconnect() {
    repo.networkSubsystem.disconnect();
    return {};
  },
  async reconnect() {
    repo.networkSubsystem.reconnect();
    await waitUntil(() => adapter.isReady() && adapter.socket?.readyState === 1, 5000, "reconnect");
    return {};
  },
  async stats() {
    return { bytesIn: adapter.bytesIn, framesIn: adapter.framesIn, errors: adapter.errors,
      unavailable: adapter.unavailable };
  },
  async resetStats() {
    adapter.bytesIn = 0;
    adapter.framesIn = 0;
    adapter.errors = [];
    adapter.unavailable = [];
    return {};
  },
  async broadcast({ url, message }) {
    handleOf(url).broadcast(message);
    return {};
  },
  async ephemeral({ url }) {
    return ephemeral.get(url) ?? [];
  },
  async shutdown() {
    try { repo?.networkSubsystem.disconnect(); } catch { /* closing anyway */ }
    setTimeout(() => process.exit(0), 10);
    return {};
  },
};

const out = obj => process.stdout.write(JSON.stringify(obj) + "\n");

readline.createInterface({ input: process.stdin }).on("line", async line => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    out({ id: -1, ok: false, error: "bad command line" });
    return;
  }
  const command = commands[request.cmd];
  try {
    if (!command) throw new Error(`unknown command ${request.cmd}`);
    out({ id: request.id, ok: true, result: await command(request) });
  } catch (e) {
    out({ id: request.id, ok: false, error: String(e?.message ?? e) });
  }
});
process.stdin.on("end", () => process.exit(0));
process.on("uncaughtException", e => {
  process.stderr.write(`uncaught: ${e?.stack ?? e}\n`);
});
