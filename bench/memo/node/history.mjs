// Writes a shared memo built from single-keystroke edits, for MemoSyncBench: two people take
// turns typing meeting notes into the memo's `free` text (one Automerge change per keystroke,
// the web client's granularity), with typos fixed by backspace and words retyped. Seeded, so
// every run builds the same text; change times advance like typing (~5 keystrokes a second).
//
//   node history.mjs <outDir> [edits=5000] [staleAt=3000]
// writes memo-<edits>.bin, memo-<staleAt>.bin (the same history cut after staleAt edits) and
// heads.json ({"<edits>": heads, "<staleAt>": heads}).
import { next as A } from "@automerge/automerge";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [outDir, editsArg = "5000", staleArg = "3000"] = process.argv.slice(2);
const EDITS = Number(editsArg);
const STALE_AT = Number(staleArg);

const SENTENCES = [
  "Went through last week's release: the rollout went fine, two small bugs reported by support.",
  "Sara feels the on-call rotation is too heavy with only four people in it.",
  "Agreed to ask the platform team whether they can take Tuesday nights.",
  "Career goals: she wants to lead the search migration next quarter.",
  "I will check with Ken whether the budget covers the conference in March.",
  "Feedback on the design review: clearer, the diagrams helped a lot.",
  "She would like more time for deep work; we move the weekly sync to Thursday morning.",
  "Open question: who owns the flaky integration tests after the reorg?",
  "Next time: talk about the hiring plan and the interview loop.",
  "Mood this week: tired but positive, the move to the new office is done.",
  "Promise: I send the promotion criteria document by Friday.",
  "Promise: Sara writes a one-page proposal for the search migration.",
  "We both think the retro format works, keep it for another month.",
  "Concern about the new customer's latency requirements, needs a spike.",
  "Noted that the team lunch budget was approved.",
];
const KEYS = "asdfghjklqwertyuiopzxcvbnm";

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261122);

const initial = A.change(A.init({ actor: "00".repeat(16) }), { time: 1795000000 }, d => Object.assign(d, {
  items: [], keepInMind: { member: "", manager: "" }, nextTopics: "", promises: [], free: "", schemaVersion: 1 }));
const typists = [A.clone(initial, { actor: "aa".repeat(16) }), A.clone(initial, { actor: "bb".repeat(16) })];
let who = 0;
let clockMs = 1795000000 * 1000;
let edits = 0;
const heads = {};

function edit(index, del, insert) {
  clockMs += 120 + Math.floor(random() * 200);
  typists[who] = A.change(typists[who], { time: Math.floor(clockMs / 1000) },
    d => A.splice(d, ["free"], index, del, insert));
  edits++;
  if (edits === STALE_AT || edits === EDITS) {
    writeFileSync(join(outDir, `memo-${edits}.bin`), A.save(typists[who]));
    heads[edits] = A.getHeads(typists[who]);
  }
}
const length = () => typists[who].free.length;
const type = ch => edit(length(), 0, ch);
const backspace = () => edit(length() - 1, 1, "");

mkdirSync(outDir, { recursive: true });
for (let s = 0; edits < EDITS; s++) {
  if (s % 3 === 0) { // the other person takes over and first gets everything typed so far
    const other = typists[who];
    who = 1 - who;
    typists[who] = A.merge(typists[who], other);
  }
  const sentence = SENTENCES[s % SENTENCES.length];
  for (let i = 0; i < sentence.length && edits < EDITS; i++) {
    if (random() < 0.04 && edits + 2 < EDITS) { // a typo, seen at once and fixed
      type(KEYS[Math.floor(random() * KEYS.length)]);
      backspace();
    }
    if (sentence[i] === " " && random() < 0.05) { // the last word retyped
      const word = typists[who].free.slice(typists[who].free.lastIndexOf(" ") + 1);
      for (let k = 0; k < word.length && edits < EDITS; k++) backspace();
      for (let k = 0; k < word.length && edits < EDITS; k++) type(word[k]);
    }
    if (edits < EDITS) type(sentence[i]);
  }
  for (let k = s % 4 === 3 ? 2 : 1; k > 0 && edits < EDITS; k--) type("\n"); // a blank line between topics
}
writeFileSync(join(outDir, "heads.json"), JSON.stringify(heads));
const text = typists[who].free;
console.log(JSON.stringify({ edits, chars: text.length, bytes: A.save(typists[who]).length }));
