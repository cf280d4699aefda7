import type { Database } from "@/lib/db/client";
import type { FaultSettings } from "./faults";

// In-process state of one sandbox (one per provider and database handle): cached settings, the
// seeded dice of the fault switches, and the timer that delivers the provider's outgoing
// requests (Toss Pay's callbacks, Toss Payments' webhooks). Kept on globalThis because Next's
// dev server re-evaluates modules on every edit and must not start a second timer.

// Settings are re-read at most this often, so a charge costs no extra query; a PUT through
// this process takes effect at once.
const SETTINGS_TTL_MS = 1_000;
// Due deliveries are also looked for when requests arrive (a serverless host may freeze
// timers), at most this often.
const OPPORTUNISTIC_DELIVERY_EVERY_MS = 1_000;
const MAX_TIMER_PERIOD_MS = 1_000;
const MIN_TIMER_PERIOD_MS = 25;

/** What the runtime needs of a sandbox's settings: the fault switches and when they changed. */
export type RuntimeSettings = FaultSettings & { updatedAt: string | null };

export type SandboxRuntime<S extends RuntimeSettings = RuntimeSettings> = {
  settings(): Promise<S>;
  setSettings(view: S): void;
  /** The next number in [0, 1) from the seeded dice. */
  random(): number;
  /**
   * API requests being answered right now, and the most at once since the last reset: what a
   * provider's own concurrency limit would count (the billing fan-out's tests and bench read it
   * at {base}/_sandbox/in-flight).
   */
  inFlight: { enter(): () => void; read(): { current: number; peak: number }; reset(): void };
  /** Delivers what is due now (after something was queued), without waiting for it. */
  kickDeliveries(): void;
  /** Called on every request: starts the timer and runs an occasional delivery pass. */
  touch(): void;
  /**
   * Stops the timer; resolves once the delivery passes already sending have finished, so
   * whoever closes the database next does not pull it from under a callback in flight.
   */
  stop(): Promise<void>;
};

export type RuntimeDefinition<S extends RuntimeSettings> = {
  /** Names the sandbox in logs and keeps each provider's runtimes apart. */
  name: string;
  loadSettings: (db: Database) => Promise<S>;
  /** One delivery pass: claims what is due and sends it. */
  deliver: (db: Database, settings: S) => Promise<unknown>;
  /** The shortest retry interval the settings allow; the timer runs at half of it (capped). */
  retryIntervalMs: (settings: S) => number;
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

function createRuntime<S extends RuntimeSettings>(
  db: Database,
  definition: RuntimeDefinition<S>,
): SandboxRuntime<S> {
  let cached: { view: S; at: number } | undefined;
  let diceKey: string | undefined;
  let dice = mulberry32(Math.floor(Math.random() * 2 ** 31));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastPass = 0;
  const passesInFlight = new Set<Promise<void>>();
  let requestsInFlight = 0;
  let peakInFlight = 0;

  function adoptSettings(view: S) {
    cached = { view, at: Date.now() };
    // Re-seed only when the seed was (re)set, so the sequence continues across cache refreshes.
    const key = `${view.seed}|${view.updatedAt}`;
    if (key !== diceKey) {
      diceKey = key;
      if (view.seed !== null) dice = mulberry32(view.seed);
    }
  }

  async function settings(): Promise<S> {
    if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.view;
    adoptSettings(await definition.loadSettings(db));
    return cached!.view;
  }

  function deliveryPass() {
    // Passes may overlap safely (rows are claimed with SKIP LOCKED and a lease); the cap only
    // keeps a slow receiver from piling passes up.
    if (passesInFlight.size >= 4) return;
    lastPass = Date.now();
    const pass = (async () => {
      try {
        const view = await settings();
        // A sandbox stopped meanwhile (a server closing, a test ending) sends nothing more.
        if (!stopped) await definition.deliver(db, view);
      } catch (error) {
        console.error(`[${definition.name} sandbox] delivery pass failed:`, error);
      }
    })();
    passesInFlight.add(pass);
    void pass.finally(() => passesInFlight.delete(pass));
  }

  function schedule() {
    if (stopped) return;
    const interval = cached ? definition.retryIntervalMs(cached.view) : MAX_TIMER_PERIOD_MS;
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
    inFlight: {
      enter() {
        requestsInFlight += 1;
        peakInFlight = Math.max(peakInFlight, requestsInFlight);
        let left = false;
        return () => {
          if (!left) requestsInFlight -= 1;
          left = true;
        };
      },
      read: () => ({ current: requestsInFlight, peak: peakInFlight }),
      reset() {
        peakInFlight = requestsInFlight;
      },
    },
    kickDeliveries: deliveryPass,
    touch() {
      if (stopped) return;
      if (!timer) schedule();
      if (Date.now() - lastPass >= OPPORTUNISTIC_DELIVERY_EVERY_MS) deliveryPass();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(passesInFlight);
    },
  };
}

type RuntimesByDatabase = WeakMap<Database, SandboxRuntime<RuntimeSettings>>;

const globalForSandbox = globalThis as unknown as {
  __sandboxRuntimes?: Map<string, RuntimesByDatabase>;
};

function runtimesOf(name: string): RuntimesByDatabase {
  const all = (globalForSandbox.__sandboxRuntimes ??= new Map<string, RuntimesByDatabase>());
  let runtimes = all.get(name);
  if (!runtimes) {
    runtimes = new WeakMap();
    all.set(name, runtimes);
  }
  return runtimes;
}

export function runtimeFor<S extends RuntimeSettings>(
  db: Database,
  definition: RuntimeDefinition<S>,
): SandboxRuntime<S> {
  const runtimes = runtimesOf(definition.name);
  let runtime = runtimes.get(db) as SandboxRuntime<S> | undefined;
  if (!runtime) {
    runtime = createRuntime(db, definition);
    runtimes.set(db, runtime);
  }
  return runtime;
}

/**
 * Stops the delivery timer of a database's sandbox and waits for the passes in flight (servers
 * and tests call it on close).
 */
export async function stopRuntime(db: Database, name: string): Promise<void> {
  const runtimes = runtimesOf(name);
  const runtime = runtimes.get(db);
  runtimes.delete(db);
  await runtime?.stop();
}

/**
 * A sandbox's two handles on its runtime: the runtime of a database (its handler uses it) and
 * how to stop that database's timer (servers and tests call it on close).
 */
export function sandboxRuntime<S extends RuntimeSettings>(definition: RuntimeDefinition<S>) {
  return {
    runtimeFor: (db: Database): SandboxRuntime<S> => runtimeFor(db, definition),
    stopSandboxRuntime: (db: Database): Promise<void> => stopRuntime(db, definition.name),
  };
}
