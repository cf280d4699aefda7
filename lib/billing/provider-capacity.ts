import {
  ensureProviderSlots,
  leaseProviderSlots,
  releaseProviderSlots,
  type Provider,
} from "./provider-slots";
import type { Limit } from "./limit";

// A run's share of the global cap on requests in flight to each provider (docs/billing-fan-out.md).
// Every billing run and fan-out worker holds its slots through one of these: `limitFor(provider)`
// is the run's concurrency towards that provider, and it is exactly the number of slots the run
// holds in PostgreSQL (provider-slots.ts), so all runs together never exceed the cap.
//
//   - Slots are leased in a block (up to the run's own concurrency) on the provider's first
//     request, renewed every `renewEveryMs`, and topped up while requests are waiting for one.
//     A run with no slot waits and asks again every `retryEveryMs`; it never sends without one.
//   - A lease is trusted only while it has at least `maxCallMs` (the longest a provider call can
//     take before its client gives up) left, counted from when the renewal was *sent*: a request
//     started under the lease finishes before PostgreSQL's expiry, even if this process then
//     stalls and another run takes the slot. So the cap holds through crashes and pauses, not
//     only in the happy path.
//   - release() gives every slot back at the end of the run; a crashed run's slots lapse after
//     `ttlMs`.

export type CapacityOptions = {
  /** The run's id: who holds the slots. */
  holder: string;
  /** Most requests this run wants in flight to one provider (its charge concurrency). */
  want: number;
  /** The global cap per provider (lib/billing/provider-in-flight-limit.ts). */
  capFor: (provider: Provider) => number;
  ttlMs?: number;
  renewEveryMs?: number;
  retryEveryMs?: number;
  maxCallMs?: number;
};

export type ProviderCapacity = {
  limitFor: (provider: Provider) => Limit;
  /** Slots held now, per provider used so far. */
  held: () => Partial<Record<Provider, number>>;
  /** Stops renewing and gives every slot back. */
  release: () => Promise<void>;
};

// Longest a provider call lasts: the Toss Payments and PortOne clients give up after 30 s, Toss
// Pay's after 15 s (lib/payments/*/client.ts DEFAULT_TIMEOUT_MS).
export const MAX_PROVIDER_CALL_MS = 30_000;
// Renewed every 15 s, a lease always has 75–90 s left, far above MAX_PROVIDER_CALL_MS, so a
// renewal delayed by a slow database does not stall sending; a crashed run's slots are free
// again within 90 s.
const DEFAULT_TTL_MS = 90_000;
const DEFAULT_RENEW_EVERY_MS = 15_000;
// A run without slots asks again this often (one small statement) until another run returns some.
const DEFAULT_RETRY_EVERY_MS = 250;

type ProviderState = {
  slots: number;
  // performance.now() after which the lease can no longer cover a whole call.
  usableUntil: number;
  active: number;
  waiting: (() => void)[];
  timer: NodeJS.Timeout | null;
  maintaining: Promise<void> | null;
};

export function leaseProviderCapacity(options: CapacityOptions): ProviderCapacity {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const renewEveryMs = options.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS;
  const retryEveryMs = options.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS;
  const maxCallMs = options.maxCallMs ?? MAX_PROVIDER_CALL_MS;
  if (maxCallMs >= ttlMs) throw new Error("a slot lease must outlast the longest provider call");
  const want = Math.max(1, Math.floor(options.want));
  const states = new Map<Provider, ProviderState>();
  let released = false;

  const usable = (state: ProviderState) =>
    performance.now() < state.usableUntil ? state.slots : 0;

  function wake(state: ProviderState) {
    while (state.waiting.length > 0 && state.active < usable(state)) {
      state.active += 1;
      state.waiting.shift()!();
    }
  }

  // One lease statement (renew + top up), then the next one scheduled: soon while requests are
  // waiting for a slot this run does not have, at the renewal interval otherwise.
  async function maintain(provider: Provider, state: ProviderState, first: boolean) {
    try {
      const cap = options.capFor(provider);
      if (first) await ensureProviderSlots(provider, cap);
      const sentAt = performance.now();
      const slots = await leaseProviderSlots({
        provider,
        holder: options.holder,
        want,
        cap,
        ttlMs,
      });
      state.slots = slots.length;
      state.usableUntil = sentAt + ttlMs - maxCallMs;
    } catch (error) {
      console.error(`[billing] leasing ${provider} slots failed; retrying:`, error);
    } finally {
      state.maintaining = null;
    }
    if (released) return;
    wake(state);
    const starved = state.waiting.length > 0 && state.slots < want;
    const delay = starved ? retryEveryMs : renewEveryMs;
    state.timer = setTimeout(() => {
      state.timer = null;
      state.maintaining = maintain(provider, state, false);
    }, delay);
    // A pending promise does not keep a process alive, so the timer must while requests wait
    // for a slot; an idle lease's renewal must not hold a finished script open.
    if (!starved) state.timer.unref();
  }

  function stateOf(provider: Provider): ProviderState {
    let state = states.get(provider);
    if (!state) {
      state = { slots: 0, usableUntil: 0, active: 0, waiting: [], timer: null, maintaining: null };
      states.set(provider, state);
      state.maintaining = maintain(provider, state, true);
    }
    return state;
  }

  function limitFor(provider: Provider): Limit {
    return async (fn) => {
      if (released) throw new Error("provider capacity used after release");
      const state = stateOf(provider);
      if (state.waiting.length === 0 && state.active < usable(state)) state.active += 1;
      else await new Promise<void>((resolve) => state.waiting.push(resolve));
      try {
        return await fn();
      } finally {
        state.active -= 1;
        wake(state);
      }
    };
  }

  return {
    limitFor,
    held: () => Object.fromEntries([...states].map(([provider, state]) => [provider, state.slots])),
    async release() {
      released = true;
      for (const state of states.values()) {
        if (state.timer) clearTimeout(state.timer);
        state.timer = null;
      }
      // A lease statement in flight could otherwise re-take slots after the release.
      await Promise.all(
        [...states.values()].flatMap((s) => (s.maintaining ? [s.maintaining] : [])),
      );
      // Nothing was ever leased by a run that sent nothing.
      if (states.size > 0) await releaseProviderSlots(options.holder);
    },
  };
}
