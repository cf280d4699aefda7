import type { Database } from "@/lib/db/client";
import { callbackOriginsFor } from "./callback-origins";
import { processDueCallbacks } from "./callbacks";
import { type SettingsView, loadSettings } from "./settings";

// In-process state of one sandbox (one per database handle): cached settings, the seeded dice
// of the fault switches, and the timer that delivers callbacks. Kept on globalThis because
// Next's dev server re-evaluates modules on every edit and must not start a second timer.

// Settings are re-read at most this often, so a charge costs no extra query; a PUT through
// this process takes effect at once.
const SETTINGS_TTL_MS = 1_000;
// Due callbacks are also looked for when requests arrive (a serverless host may freeze timers),
// at most this often.
const OPPORTUNISTIC_DELIVERY_EVERY_MS = 1_000;
const MAX_TIMER_PERIOD_MS = 1_000;
const MIN_TIMER_PERIOD_MS = 25;

export type SandboxRuntime = {
  settings(): Promise<SettingsView>;
  setSettings(view: SettingsView): void;
  /** The next number in [0, 1) from the seeded dice. */
  random(): number;
  /** Delivers due callbacks now (after a callback was queued), without waiting for it. */
  kickCallbacks(): void;
  /** Called on every request: starts the timer and runs an occasional delivery pass. */
  touch(): void;
  stop(): void;
};

// mulberry32: small, fast, and good enough to make fault sequences reproducible from a seed.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function createRuntime(db: Database): SandboxRuntime {
  let cached: { view: SettingsView; at: number } | undefined;
  let diceKey: string | undefined;
  let dice = mulberry32(Math.floor(Math.random() * 2 ** 31));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastPass = 0;
  let passesInFlight = 0;

  function adoptSettings(view: SettingsView) {
    cached = { view, at: Date.now() };
    // Re-seed only when the seed was (re)set, so the sequence continues across cache refreshes.
    const key = `${view.seed}|${view.updatedAt}`;
    if (key !== diceKey) {
      diceKey = key;
      if (view.seed !== null) dice = mulberry32(view.seed);
    }
  }

  async function settings(): Promise<SettingsView> {
    if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.view;
    adoptSettings(await loadSettings(db));
    return cached!.view;
  }

  function deliveryPass() {
    // Passes may overlap safely (rows are claimed with SKIP LOCKED and a lease); the cap only
    // keeps a slow receiver from piling passes up.
    if (passesInFlight >= 4) return;
    passesInFlight++;
    lastPass = Date.now();
    void (async () => {
      try {
        const view = await settings();
        await processDueCallbacks(db, {
          retryIntervalMs: view.callbackRetryIntervalMs,
          allowedOrigins: callbackOriginsFor(db),
        });
      } catch (error) {
        console.error("[toss-pay sandbox] callback delivery pass failed:", error);
      } finally {
        passesInFlight--;
      }
    })();
  }

  function schedule() {
    if (stopped) return;
    const interval = cached?.view.callbackRetryIntervalMs ?? MAX_TIMER_PERIOD_MS;
    const period = Math.max(MIN_TIMER_PERIOD_MS, Math.min(MAX_TIMER_PERIOD_MS, interval / 2));
    timer = setTimeout(() => {
      deliveryPass();
      schedule();
    }, period);
    timer.unref();
  }

  return {
    settings,
    setSettings: adoptSettings,
    random: () => dice(),
    kickCallbacks: deliveryPass,
    touch() {
      if (stopped) return;
      if (!timer) schedule();
      if (Date.now() - lastPass >= OPPORTUNISTIC_DELIVERY_EVERY_MS) deliveryPass();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

const globalForSandbox = globalThis as unknown as {
  __tossPaySandboxRuntimes?: WeakMap<Database, SandboxRuntime>;
};

export function runtimeFor(db: Database): SandboxRuntime {
  const runtimes = (globalForSandbox.__tossPaySandboxRuntimes ??= new WeakMap());
  let runtime = runtimes.get(db);
  if (!runtime) {
    runtime = createRuntime(db);
    runtimes.set(db, runtime);
  }
  return runtime;
}

/** Stops the callback timer of a database's sandbox (servers and tests call it on close). */
export function stopSandboxRuntime(db: Database): void {
  const runtimes = globalForSandbox.__tossPaySandboxRuntimes;
  runtimes?.get(db)?.stop();
  runtimes?.delete(db);
}
