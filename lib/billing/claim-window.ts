import type { Limit } from "./limit";

// How far ahead of its provider requests a billing run claims (docs/billing-fan-out.md "The
// tail"). A claimed row is leased to the run: no other run or worker can charge it until this
// one has. A run that claims far ahead therefore keeps work from runs that have nothing left,
// and when the backlog runs out they stand idle while it drains its last batch alone — with
// 2 s answers, a batch of 64 at 16 slots is 8 s of charging that three idle workers could have
// shared. So a run holds only a short window of unsent charges:
//
//   - it claims what its slots send in about CLAIM_AHEAD_MS (concurrency ÷ the latency it has
//     measured, at least 1, at most the configured batch). With fast answers that is the whole
//     batch, so the claim statements per charge stay as few as before; with slow answers, where
//     the provider rather than the CPU is the limit, claims get small.
//   - at most a few claimed charges wait for a provider slot at once; the rest stay in the
//     claimed batch until a slot is about to free.

export const CLAIM_AHEAD_MS = 500;
// Answers weigh in the latency estimate with this share each (an exponential moving average).
const LATENCY_WEIGHT = 0.2;

export type ClaimWindow = {
  /** How many rows the next claim asks for. */
  claimSize: () => number;
  /** Records one provider answer's latency. */
  observe: (providerMs: number) => void;
  /** Resolves when another claimed charge may be handed out to wait for a slot. */
  room: () => Promise<void>;
  /**
   * A charge handed out that waits for a slot: wraps the slot's limit so the wait ends when the
   * slot is taken. `done()` ends it too (the charge failed before it got a slot); idempotent.
   */
  waitForSlot: (limit: Limit) => { limit: Limit; done: () => void };
};

export function createClaimWindow(input: {
  concurrency: number;
  batchSize: number;
  aheadMs?: number;
}): ClaimWindow {
  const aheadMs = input.aheadMs ?? CLAIM_AHEAD_MS;
  const batchSize = Math.max(1, input.batchSize);
  const maxWaiting = Math.max(2, Math.ceil(input.concurrency / 4));
  let latencyMs: number | null = null;
  let waiting = 0;
  let wake: (() => void) | null = null;

  return {
    claimSize() {
      // Before the first answer: one slot's worth each, which fills the window at the start.
      if (latencyMs === null) return Math.min(batchSize, input.concurrency);
      const perMs = input.concurrency / Math.max(1, latencyMs);
      return Math.min(batchSize, Math.max(1, Math.ceil(perMs * aheadMs)));
    },
    observe(providerMs) {
      latencyMs =
        latencyMs === null
          ? providerMs
          : latencyMs * (1 - LATENCY_WEIGHT) + providerMs * LATENCY_WEIGHT;
    },
    async room() {
      // Only the claiming loop waits here (its pulls are serialised), so one waker is enough.
      while (waiting >= maxWaiting) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    waitForSlot(base) {
      waiting += 1;
      let ended = false;
      const done = () => {
        if (ended) return;
        ended = true;
        waiting -= 1;
        const resume = wake;
        wake = null;
        resume?.();
      };
      return {
        limit: (fn) =>
          base(() => {
            done();
            return fn();
          }),
        done,
      };
    },
  };
}
