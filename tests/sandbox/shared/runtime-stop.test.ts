// Stopping a sandbox's runtime (a server closing, a test file ending) must wait for the delivery
// pass that is already sending: the pass writes its outcome to the database, and whoever stops
// the sandbox closes or drops that database next. A pass cut off there surfaced as an unhandled
// ECONNRESET from the PostgreSQL driver in CI.
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { runtimeFor, stopRuntime } from "@/lib/sandbox/shared/runtime";

it("resolves stop() only once the delivery pass in flight has finished, and starts no more", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let passes = 0;
  let finished = 0;
  const definition = {
    name: "stop-test",
    loadSettings: async () => ({ updatedAt: null, seed: null }) as never,
    deliver: async () => {
      passes += 1;
      await released;
      finished += 1;
    },
    retryIntervalMs: () => 50,
  };
  const db = {} as Database; // the definition above never touches it
  const runtime = runtimeFor(db, definition);
  runtime.kickDeliveries();
  await expect.poll(() => passes).toBe(1);

  let stopped = false;
  const stopping = stopRuntime(db, definition.name).then(() => (stopped = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stopped).toBe(false); // the pass is still sending

  release();
  await stopping;
  expect(finished).toBe(1);

  runtime.touch();
  runtime.kickDeliveries();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(passes).toBe(1); // a stopped runtime delivers nothing more
});
