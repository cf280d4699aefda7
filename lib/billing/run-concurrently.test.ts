import { expect, it } from "vitest";
import { runConcurrently } from "./run-concurrently";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("runs every item with at most `concurrency` in flight", async () => {
  let inFlight = 0;
  let peak = 0;
  const done: number[] = [];
  await runConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await sleep(5);
    inFlight -= 1;
    done.push(item);
  });
  expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(peak).toBe(3);
});

it("after a failure pulls nothing more, and rejects only once the work in flight has ended", async () => {
  const pulled: number[] = [];
  async function* source() {
    for (let item = 0; item < 20; item++) {
      pulled.push(item);
      yield item;
    }
  }
  const finished: number[] = [];
  const outcome = runConcurrently(source(), 3, async (item) => {
    if (item === 1) throw new Error("the database went away");
    await sleep(30);
    finished.push(item);
  });
  await expect(outcome).rejects.toThrow("the database went away");
  // Items 0 and 2 were handed out before the failure; each ran to its end before the caller
  // heard of the failure, and nothing after them was pulled.
  expect(finished.sort()).toEqual([0, 2]);
  expect(pulled).toEqual([0, 1, 2]);
});
