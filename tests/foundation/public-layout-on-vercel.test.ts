// On Vercel the cached storefront pages render per request and need proxy.ts's nonce; the proxy
// reaches them there through a matcher entry on Vercel's x-vercel-id header (proxy.ts), which is
// [unconfirmed] to be seen by Vercel's router. If the proxy did not run, app/(public)/layout.tsx
// must refuse to render rather than send a page without a script policy.
import { afterEach, expect, test, vi } from "vitest";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next/server", () => ({ connection: async () => {} }));
vi.mock("@/app/(public)/public-page-data", () => ({
  publicShell: async () => ({ settings: {}, paymentMode: "test" }),
}));

afterEach(() => {
  vi.unstubAllEnvs();
  requestHeaders.delete("x-nonce");
});

async function renderLayout() {
  const { default: PublicLayout } = await import("@/app/(public)/layout");
  return PublicLayout({ children: null });
}

test("on Vercel, without the proxy's nonce, the cached pages' layout refuses to render", async () => {
  vi.stubEnv("VERCEL", "1");
  await expect(renderLayout()).rejects.toThrow(/proxy\.ts did not run/);
  requestHeaders.set("x-nonce", "bm9uY2U=");
  await expect(renderLayout()).resolves.toBeTruthy();
});

test("off Vercel the layout renders for Next's cache, with no request to look at", async () => {
  vi.stubEnv("VERCEL", "");
  await expect(renderLayout()).resolves.toBeTruthy();
});
