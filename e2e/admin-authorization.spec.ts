// The authorization inventory over HTTP, against the built app with real Auth.js sessions:
// every admin page and route handler found in the source tree (tests/admin/
// authorization-routes.ts) is requested by nobody, by a visitor with a forged session cookie
// (which gets past proxy.ts's cookie check, so the page's own guard must answer), by a
// customer and by the admin. Server actions are covered by the vitest inventory, which calls
// them directly. Dynamic segments get a random uuid: the guard must answer before any lookup.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { concreteUrl, findAdminEntries, ROOT } from "../tests/admin/authorization-routes";
import { fillSignIn, signUp } from "./support/auth";
import { E2E_ADMIN, newCustomer } from "./support/test-accounts";

// One project is enough: this is about HTTP answers, not layout.
test.skip(({ isMobile }) => isMobile, "runs once, on desktop");

const id = randomUUID();
const targets = findAdminEntries().flatMap((entry) => {
  if (!entry.url || entry.kind === "layout") return []; // layouts are reached through pages
  const url = concreteUrl(entry.url, id);
  if (entry.kind === "page") return [{ file: entry.file, url, method: "GET", api: false }];
  if (entry.kind !== "route") return [];
  const source = readFileSync(path.join(ROOT, entry.file), "utf8");
  const methods = [
    ...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
  ];
  return methods.map((m) => ({ file: entry.file, url, method: m[1]!, api: true }));
});

type Session = { request: APIRequestContext; close: () => Promise<void> };

async function session(
  browser: Browser,
  signIn?: (page: import("@playwright/test").Page) => Promise<void>,
  cookie?: string,
): Promise<Session> {
  const context = await browser.newContext();
  if (cookie) {
    await context.addCookies([
      {
        name: "authjs.session-token",
        value: cookie,
        url: test.info().project.use.baseURL ?? "http://localhost:3210",
      },
    ]);
  }
  if (signIn) {
    const page = await context.newPage();
    await signIn(page);
    await page.close();
  }
  return { request: context.request, close: () => context.close() };
}

async function fetchAs(s: Session, target: (typeof targets)[number]) {
  const response = await s.request.fetch(target.url, {
    method: target.method,
    maxRedirects: 0,
    headers: target.method === "GET" ? {} : { "content-type": "application/json" },
    data: target.method === "GET" ? undefined : "{}",
  });
  return { status: response.status(), location: response.headers()["location"] ?? "" };
}

test("every admin page and route handler refuses visitors and customers and admits the admin", async ({
  browser,
}) => {
  expect(targets.length).toBeGreaterThan(5);
  const anonymous = await session(browser);
  const forged = await session(browser, undefined, "forged-session-token");
  const customer = await session(browser, (page) => signUp(page, newCustomer("authz")));
  const admin = await session(browser, async (page) => {
    await page.goto("/sign-in");
    await fillSignIn(page, E2E_ADMIN);
    await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
  });

  const problems: string[] = [];
  for (const target of targets) {
    const label = `${target.method} ${target.url} (${target.file})`;
    for (const [who, s] of [
      ["anonymous", anonymous],
      ["forged cookie", forged],
    ] as const) {
      const { status, location } = await fetchAs(s, target);
      const ok = target.api
        ? status === 401
        : status >= 300 && status < 400 && location.includes("/sign-in");
      if (!ok) problems.push(`${label}: ${who} got ${status} ${location}`);
    }
    const asCustomer = await fetchAs(customer, target);
    if (asCustomer.status !== 403) problems.push(`${label}: customer got ${asCustomer.status}`);
    const asAdmin = await fetchAs(admin, target);
    if (
      [401, 403].includes(asAdmin.status) ||
      asAdmin.status >= 500 ||
      (asAdmin.status >= 300 && asAdmin.location.includes("/sign-in"))
    ) {
      problems.push(`${label}: admin got ${asAdmin.status} ${asAdmin.location}`);
    }
  }
  expect(problems).toEqual([]);

  await Promise.all([anonymous, forged, customer, admin].map((s) => s.close()));
});
