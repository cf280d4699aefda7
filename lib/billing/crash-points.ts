import { getEnv } from "@/lib/env";

// Labelled points of the charge path where the crash test (scripts/crash-test.ts) kills the
// worker, to prove that a restart followed by reconciliation neither loses nor repeats a charge
// (docs/billing.md "Invariants"). BILLING_CRASH_POINT is a test-only variable that lib/env.ts refuses
// in production; when it is unset a crash point is one comparison against a cached value.

export type CrashPoint =
  | "after_claim" // leases taken, nothing else done
  | "after_attempt_insert" // pending attempt committed, request not sent
  | "after_request_sent" // request on the wire (or at the provider), no answer yet
  | "after_response_before_commit" // answer received, settle transaction open, not committed
  | "after_commit"; // answer settled and committed, lease not yet released

let armed: CrashPoint | null | undefined;

function armedPoint(): CrashPoint | null {
  armed ??= getEnv().BILLING_CRASH_POINT ?? null;
  return armed;
}

/** Kills the process (SIGKILL: no cleanup, no flush) when BILLING_CRASH_POINT names `point`. */
export function crashPoint(point: CrashPoint): void {
  if (armedPoint() !== point) return;
  process.stderr.write(`[billing] crash point ${point}: killing process ${process.pid}\n`);
  process.kill(process.pid, "SIGKILL");
}

/**
 * For "after_request_sent": the provider call runs inside the provider client, so the crash is
 * taken a moment after the call starts, while it is in flight. The crash test gives the sandbox
 * a latency longer than this delay, so the request has reached it and is unanswered.
 */
export async function crashWhileInFlight(delayMs = 150): Promise<void> {
  if (armedPoint() !== "after_request_sent") return;
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  crashPoint("after_request_sent");
}
