// An admin's change must reach the very next visitor of a cached storefront page (issue 14,
// "a price change visible to the next visitor"). A render that read the old price before the
// change and finished after it must not be stored as the page's newest version: Next stamps an
// entry with the time it is stored, so that render would hide the change until the next one.
// Driven through the app's cache handler (lib/security/script-hash-cache-handler.mjs) with
// Next's own tag bookkeeping.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { publishCachedPageHeaders } from "@/lib/security/cached-page-headers";
import ScriptHashCacheHandler from "@/lib/security/script-hash-cache-handler.mjs";

type Handler = {
  get(key: string, ctx: { kind: string }): Promise<{ value: { html: string } } | null>;
  set(key: string, data: unknown, ctx: { cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string[]): Promise<void>;
};

const distDir = mkdtempSync(path.join(tmpdir(), "cached-page-"));
beforeAll(() => publishCachedPageHeaders(parseEnv({ NODE_ENV: "test" })));
afterAll(() => rmSync(distDir, { recursive: true, force: true }));

async function handler(): Promise<Handler> {
  const { nodeFs } = await import("next/dist/server/lib/node-fs-methods.js");
  const Handler = ScriptHashCacheHandler as unknown as new (ctx: object) => Handler;
  return new Handler({
    fs: nodeFs,
    serverDistDir: distDir,
    flushToDisk: false,
    maxMemoryCacheSize: 8 * 1024 * 1024,
    revalidatedTags: [],
  });
}

const page = (price: string) => ({
  kind: "APP_PAGE",
  html: `<html><body><p>${price}</p><script>self.__next_f.push([1,"x"])</script></body></html>`,
  rscData: Buffer.from(""),
  status: 200,
  postponed: undefined,
  segmentData: undefined,
  headers: { "x-next-cache-tags": "_N_T_/layout,_N_T_/(public)/pricing/page,_N_T_/pricing" },
});
const read = { kind: "APP_PAGE" };
const store = { cacheControl: { revalidate: false, expire: undefined } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test("a render that began before a revalidation is served but not stored; the next one is", async () => {
  const cache = await handler();
  const key = "/pricing-race";
  expect(await cache.get(key, read)).toBeNull(); // the render begins, reading 9,900원
  await tick();
  await cache.revalidateTag(["_N_T_/layout"]); // the admin changes the price
  await tick();
  await cache.set(key, page("9,900원"), store); // the old render finishes
  expect(await cache.get(key, read)).toBeNull(); // so the next visitor gets a fresh render

  await cache.set(key, page("12,900원"), store);
  const entry = await cache.get(key, read);
  expect(entry?.value.html).toContain("12,900원");
  expect(entry?.value.html).not.toContain("9,900원");
});

test("a render that began after the last revalidation is stored as usual", async () => {
  const cache = await handler();
  const key = "/pricing-calm";
  await cache.revalidateTag(["_N_T_/layout"]);
  await tick();
  expect(await cache.get(key, read)).toBeNull();
  await cache.set(key, page("9,900원"), store);
  expect((await cache.get(key, read))?.value.html).toContain("9,900원");
});

test("a render that failed long ago does not cost the first render after the next change", async () => {
  const cache = await handler();
  const key = "/pricing-failed";
  // Ten minutes ago a render began and failed (the database was down): no set followed.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 10 * 60_000 });
  try {
    expect(await cache.get(key, read)).toBeNull();
  } finally {
    vi.useRealTimers();
  }
  await cache.revalidateTag(["_N_T_/layout"]); // now an admin's change
  await tick();
  expect(await cache.get(key, read)).toBeNull(); // the next visitor's render reads the new data
  await cache.set(key, page("12,900원"), store);
  expect((await cache.get(key, read))?.value.html).toContain("12,900원");
});
