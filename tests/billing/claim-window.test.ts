import { describe, expect, it } from "vitest";
import { createClaimWindow } from "@/lib/billing/claim-window";

describe("claim window", () => {
  it("claims what the slots send in half a second, between 1 and the batch", () => {
    const window = createClaimWindow({ concurrency: 16, batchSize: 64 });
    expect(window.claimSize()).toBe(16);
    window.observe(2000);
    expect(window.claimSize()).toBe(4);
    const fast = createClaimWindow({ concurrency: 16, batchSize: 64 });
    fast.observe(100);
    expect(fast.claimSize()).toBe(64);
  });

  it("lets only a few claimed charges wait for a slot, and more once one has its slot", async () => {
    const window = createClaimWindow({ concurrency: 8, batchSize: 32 });
    let release!: () => void;
    const slotFree = new Promise<void>((resolve) => (release = resolve));
    // A slot that is taken only when the test says so.
    const slot = <T>(fn: () => Promise<T>) => slotFree.then(fn);
    const first = window.waitForSlot(slot);
    const second = window.waitForSlot(slot);
    let roomed = false;
    const room = window.room().then(() => (roomed = true));
    await Promise.resolve();
    expect(roomed).toBe(false);
    const sent = first.limit(async () => "sent");
    release();
    await room;
    expect(roomed).toBe(true);
    await expect(sent).resolves.toBe("sent");
    second.done();
    second.done();
    await window.room();
  });
});
