/**
 * Reconnect delay for the given attempt (0 = first retry): "full jitter" from Marc Brooker's
 * "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015): a uniformly random delay
 * between 0 and the exponential ceiling `min(max, min * 2^attempt)`. When a node dies, all its
 * clients lose their sockets at the same moment; full jitter spreads their reconnections over
 * the whole window instead of sending them back in waves.
 */
export function backoffDelay(attempt: number, min = 500, max = 8000, random: () => number = Math.random): number {
  const ceiling = Math.min(max, min * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * random());
}
