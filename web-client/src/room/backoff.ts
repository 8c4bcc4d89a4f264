/**
 * Reconnect delay for the given attempt (0 = first retry): exponential from `min` up to `max`,
 * with jitter so that both parties of a dropped room do not reconnect in lock-step.
 */
export function backoffDelay(attempt: number, min = 500, max = 8000, random: () => number = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.max(0, attempt));
  return Math.round(Math.max(min, base * (0.5 + 0.5 * random())));
}
