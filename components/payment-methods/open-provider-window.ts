import type { BrowserCheckout, BrowserLaunch } from "@/lib/db/schema";

export type OfficialLoader = NonNullable<Extract<BrowserLaunch, { type: "script" }>["loader"]>;

// Opens a browser-SDK provider's window from what its registration step says (BrowserLaunch,
// lib/payments/types.ts), with nothing provider specific here: a provider folder describes
// the script and calls, this runs them. Kept apart from the component so it can be tested
// without a browser.

export type WindowDeps = {
  // The page's global object (window).
  global: Record<string, unknown>;
  loadScript: (url: string) => Promise<void>;
  // The provider's official loader (BrowserLaunch.loader): loads scriptUrl and answers what
  // the launch's first call would have (e.g. the TossPayments instance for a client key).
  loadWithOfficialLoader: (
    loader: OfficialLoader,
    scriptUrl: string,
    firstCallArgs: unknown[],
  ) => Promise<unknown>;
  navigate: (url: string) => void;
};

// What a provider's answer may carry back to our return URL; anything else stays in the page.
const RETURNED_FIELDS = [
  "authKey",
  "customerKey",
  "billingKey",
  "code",
  "message",
  // PortOne: the PG's own code behind a failure (e.g. Toss Pay's BILLING_KEY_REGISTRATION_CANCELLED).
  "pgCode",
] as const;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base, "http://placeholder.invalid");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return base.startsWith("/") ? `${url.pathname}${url.search}` : url.toString();
}

function returnedFields(answer: unknown): Record<string, string> {
  if (typeof answer !== "object" || answer === null) return {};
  const fields: Record<string, string> = {};
  for (const name of RETURNED_FIELDS) {
    const value = (answer as Record<string, unknown>)[name];
    if (typeof value === "string" && value.length <= 500) fields[name] = value;
  }
  return fields;
}

/** The step does not fit the loaded SDK: our configuration, never the customer's answer. */
class LaunchError extends Error {
  override name = "LaunchError";
}

/** Resolves `a.b.c` on `target`, keeping the object the function belongs to as `this`. */
function resolve(target: unknown, path: string) {
  let owner: unknown = undefined;
  let value: unknown = target;
  for (const part of path.split(".")) {
    if (!IDENTIFIER.test(part) || value === null || value === undefined) {
      throw new LaunchError(`cannot resolve ${path}`);
    }
    owner = value;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value !== "function") throw new LaunchError(`${path} is not a function`);
  return { owner, fn: value as (...args: unknown[]) => unknown };
}

export async function openProviderWindow(checkout: BrowserCheckout, deps: WindowDeps) {
  const { launch } = checkout;
  if (launch.type === "redirect") {
    deps.navigate(withParams(launch.url, launch.params));
    return;
  }
  // A script that does not load is our page's problem, not the customer's answer: thrown, the
  // registration stays pending and the button can be pressed again.
  let target: unknown = deps.global;
  let calls = launch.calls;
  if (launch.loader) {
    const [first, ...rest] = launch.calls;
    if (!first) throw new LaunchError(`${launch.loader} needs its first call's arguments`);
    target = await deps.loadWithOfficialLoader(launch.loader, launch.scriptUrl, first.args);
    calls = rest;
  } else {
    await deps.loadScript(launch.scriptUrl);
  }
  let answer: unknown;
  try {
    for (const call of calls) {
      const { owner, fn } = resolve(target, call.path);
      target = await fn.apply(owner, call.args);
    }
    answer = target;
  } catch (error) {
    // Thrown like a script that did not load: the registration stays pending.
    if (error instanceof LaunchError) throw error;
    // The customer closed the window, or the SDK refused: the server records why.
    const fields = returnedFields(error);
    deps.navigate(
      withParams(checkout.failureUrl, {
        code: fields.code ?? "WINDOW_FAILED",
        ...(fields.message ? { message: fields.message } : {}),
      }),
    );
    return;
  }
  // Providers that redirect (Toss Payments) never get here; PortOne on a desktop answers in the
  // page (a failure too: { code, message, pgCode }), and its answer goes to the same return
  // URL a redirect would have.
  const fields = returnedFields(answer);
  if (Object.keys(fields).length > 0) deps.navigate(withParams(checkout.successUrl, fields));
}
