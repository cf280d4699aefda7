// The authorization inventory (issue 5 "Done means"): every admin page, layout, route handler
// and server action — found by walking the source tree, never listed by hand — is called as
// Next would call it, by nobody, by a customer and by an admin:
//   anonymous → redirect to /sign-in (pages, actions) or 401 (route handlers)
//   customer  → 403 (forbidden() or a 403 response)
//   admin     → allowed
// The session is the only stand-in (auth() says who is signed in); the guard itself runs for
// real and reads the user's role from this file's database. A second, static check requires
// each entry point to call the guard before doing anything else, which also covers inline
// "use server" functions the calls below cannot reach.
//
// Adding an admin page, route or action without requireAdmin()/requireAdminApi() fails this file.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { merchantSettings, users } from "@/lib/db/schema";
import {
  checkGuardsFirst,
  findAdminEntries,
  paramsFor,
  ROOT,
  type AdminEntry,
} from "./authorization-routes";
import { fakeSession as session } from "@/tests/support/fake-session";

vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));
// Outside a real request Next's request APIs throw; the code under test may read them after
// authorizing (client address for the audit log).
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-real-ip": "203.0.113.1" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

const entries = findAdminEntries();
const ids = { admin: "", customer: "" };

beforeAll(async () => {
  // forbidden() refuses to run unless next.config's experimental.authInterrupts is on (it is).
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  await db().insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
  const [admin, customer] = await db()
    .insert(users)
    .values([
      { email: "inventory-admin@example.com", role: "admin", emailVerified: new Date() },
      { email: "inventory-customer@example.com", role: "customer" },
    ])
    .returning();
  ids.admin = admin!.id;
  ids.customer = customer!.id;
});

type Who = "anonymous" | "customer" | "admin";

type Outcome =
  | { kind: "sign-in" } // redirect to the sign-in page
  | { kind: "forbidden" } // 403 page
  | { kind: "not-found" }
  | { kind: "redirect"; to: string }
  | { kind: "status"; status: number }
  | { kind: "returned" }
  | { kind: "error"; message: string };

function outcomeOfError(error: unknown): Outcome {
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  if (digest.startsWith("NEXT_REDIRECT")) {
    const to = digest.split(";")[2] ?? "";
    return to.startsWith("/sign-in") ? { kind: "sign-in" } : { kind: "redirect", to };
  }
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { kind: "forbidden" };
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") return { kind: "sign-in" };
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not-found" };
  return { kind: "error", message: error instanceof Error ? error.message : String(error) };
}

async function run(who: Who, call: () => Promise<unknown>): Promise<Outcome> {
  session.userId = who === "anonymous" ? null : ids[who];
  try {
    const result = await call();
    if (result instanceof Response) {
      await result.body?.cancel();
      const location = result.headers.get("location") ?? "";
      if (result.status >= 300 && result.status < 400 && location.includes("/sign-in")) {
        return { kind: "sign-in" };
      }
      return { kind: "status", status: result.status };
    }
    return { kind: "returned" };
  } catch (error) {
    return outcomeOfError(error);
  }
}

type Module = Record<string, unknown>;
const load = (entry: AdminEntry) => import(path.join(ROOT, entry.file)) as Promise<Module>;

/** One way to invoke each thing the entry exports that must authorize. */
function callsOf(entry: AdminEntry, mod: Module): [string, () => Promise<unknown>][] {
  const id = randomUUID();
  const params = Promise.resolve(paramsFor(entry.url ?? "", id));
  const fns = Object.entries(mod).filter(
    (pair): pair is [string, (...args: unknown[]) => unknown] => typeof pair[1] === "function",
  );
  switch (entry.kind) {
    case "page":
      return fns
        .filter(([name]) => name === "default")
        .map(([name, fn]) => [name, async () => fn({ params, searchParams: Promise.resolve({}) })]);
    case "layout":
      return fns
        .filter(([name]) => name === "default")
        .map(([name, fn]) => [name, async () => fn({ params, children: null })]);
    case "route":
      return fns
        .filter(([name]) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name))
        .map(([method, fn]) => [
          method,
          async () => {
            const url = `http://localhost${(entry.url ?? "").replace(/\[[^\]]+\]/g, id)}`;
            const hasBody = !["GET", "HEAD"].includes(method);
            const request = new Request(url, {
              method,
              headers: hasBody ? { "content-type": "application/json" } : {},
              body: hasBody ? "{}" : undefined,
            });
            return fn(request, { params });
          },
        ]);
    case "inline":
      return [];
    case "actions":
      // A form action gets (previous state, FormData); a plain one just the FormData.
      return fns.map(([name, fn]) => [
        name,
        async () => (fn.length <= 1 ? fn(new FormData()) : fn({ status: "idle" }, new FormData())),
      ]);
  }
}

describe("the admin inventory", () => {
  it("finds the admin area's pages, layout, route handlers and server actions", () => {
    const files = entries.map((e) => `${e.kind} ${e.file}`);
    expect(files).toEqual(
      expect.arrayContaining([
        "layout app/(admin)/layout.tsx",
        "page app/(admin)/admin/page.tsx",
        "page app/(admin)/admin/charges/page.tsx",
        "actions app/(admin)/admin/charges/actions.ts",
        "page app/(admin)/admin/notifications/page.tsx",
        "actions app/(admin)/admin/notifications/actions.ts",
        "route app/api/admin/charges/export/route.ts",
        // The payment providers form (issue 9) joins the settings page's actions.
        "actions app/(admin)/admin/settings/actions.ts",
      ]),
    );
  });

  it("finds nothing outside the admin area", () => {
    for (const entry of entries) {
      expect(entry.file).toMatch(
        /^(app\/\(admin\)\/|app\/api\/admin\/|components\/admin\/|lib\/admin\/|app\/(.*\/)?admin\/)/,
      );
    }
  });

  it("calls the guard first in every entry point (statically)", () => {
    expect(checkGuardsFirst(entries)).toEqual([]);
  });
});

const callable = entries.filter((e) => e.kind !== "inline");

describe.each(callable.map((e) => [`${e.kind} ${e.file}`, e] as const))("%s", (_label, entry) => {
  it("sends an anonymous visitor to sign in (or answers 401)", async () => {
    const calls = callsOf(entry, await load(entry));
    expect(calls.length).toBeGreaterThan(0);
    for (const [name, call] of calls) {
      const outcome = await run("anonymous", call);
      const refused =
        outcome.kind === "sign-in" || (outcome.kind === "status" && outcome.status === 401);
      expect(refused, `${name}: ${JSON.stringify(outcome)}`).toBe(true);
    }
  });

  it("refuses a customer with 403", async () => {
    for (const [name, call] of callsOf(entry, await load(entry))) {
      const outcome = await run("customer", call);
      const refused =
        outcome.kind === "forbidden" || (outcome.kind === "status" && outcome.status === 403);
      expect(refused, `${name}: ${JSON.stringify(outcome)}`).toBe(true);
    }
  });

  it("lets an admin through", async () => {
    for (const [name, call] of callsOf(entry, await load(entry))) {
      const outcome = await run("admin", call);
      const refused =
        outcome.kind === "sign-in" ||
        outcome.kind === "forbidden" ||
        (outcome.kind === "status" && (outcome.status === 401 || outcome.status === 403));
      expect(refused, `${name}: ${JSON.stringify(outcome)}`).toBe(false);
      // Pages and layouts must actually render for an admin (or 404 for the made-up id).
      if (entry.kind === "page" || entry.kind === "layout") {
        expect(outcome.kind, `${name}: ${JSON.stringify(outcome)}`).not.toBe("error");
      }
    }
  });
});
