// Waiting helpers shared by the benchmark's Node clients.

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Resolves once `predicate()` holds, polling every `pollMs`; rejects naming `what` after `timeoutMs`. */
export async function until(predicate, what, timeoutMs = 60_000, pollMs = 2) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timeout: ${what}`);
    await sleep(pollMs);
  }
}
