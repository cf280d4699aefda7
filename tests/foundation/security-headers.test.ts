// The Content-Security-Policy and HSTS that proxy.ts puts on every response (issue 8 §3
// "Headers"): scripts only with this request's nonce, forms only to this origin (and the
// configured OAuth login hosts), no eval outside `next dev`, HSTS preload only when opted in.
import { createHash } from "node:crypto";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { html } from "@/lib/sandbox/shared/html";
import { appPage } from "@/lib/sandbox/toss-pay/views/layout";
import { parseEnv } from "@/lib/env";
import { CACHED_PAGE_HEADERS, cachedPageHeaders } from "@/lib/security/cached-page-headers";
import {
  cachedPageHeadersFor,
  scriptSourcesFor,
} from "@/lib/security/script-hash-cache-handler.mjs";
import {
  contentSecurityPolicy,
  contentSecurityPolicyWithScriptSources,
  createNonce,
  oauthFormActionOrigins,
  paymentWindowOrigins,
  strictTransportSecurity,
} from "@/lib/security/security-headers";

/** proxy.ts as Next loads it, reading the environment afresh (getEnv caches per module). */
async function loadProxy() {
  vi.resetModules();
  return (await import("@/proxy")).proxy;
}

/** Directive name → its source list. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const production = {
  nonce: "bm9uY2U=",
  development: false,
  hstsPreload: false,
  formActionOrigins: [],
  paymentWindowOrigins: [],
};

describe("contentSecurityPolicy", () => {
  test("scripts need the nonce; 'strict-dynamic' lets them load Next's chunks", () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  test("no 'unsafe-eval' and no 'unsafe-inline' for scripts outside development", () => {
    const policy = contentSecurityPolicy(production);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(directives(policy).get("script-src")).not.toContain("'unsafe-inline'");
    // Nothing falls back to default-src for scripts with a weaker list.
    expect(directives(policy).get("default-src")).toEqual(["'self'"]);
  });

  test("'unsafe-eval' only for next dev (React's dev error overlay uses eval)", () => {
    const csp = directives(contentSecurityPolicy({ ...production, development: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
  });

  test("forms post only to this origin, plus configured OAuth login hosts", () => {
    expect(directives(contentSecurityPolicy(production)).get("form-action")).toEqual(["'self'"]);
    const withKakao = contentSecurityPolicy({
      ...production,
      formActionOrigins: oauthFormActionOrigins({ AUTH_KAKAO_ID: "id", AUTH_KAKAO_SECRET: "s" }),
    });
    expect(directives(withKakao).get("form-action")).toEqual([
      "'self'",
      "https://kauth.kakao.com",
      "https://accounts.kakao.com",
    ]);
  });

  test("Toss Payments' window hosts only when the store talks to Toss, never for the sandbox", () => {
    const sandbox = directives(contentSecurityPolicy(production));
    expect(sandbox.get("frame-src")).toEqual(["'self'"]);
    expect(sandbox.get("connect-src")).toEqual(["'self'"]);
    expect(paymentWindowOrigins({ TOSS_PAYMENTS_SECRET_KEY: "test_sk_abc" })).toEqual([]);
    const live = directives(
      contentSecurityPolicy({
        ...production,
        paymentWindowOrigins: paymentWindowOrigins({ TOSS_PAYMENTS_SECRET_KEY: "live_sk_abc" }),
      }),
    );
    expect(live.get("frame-src")).toEqual(["'self'", "https://*.tosspayments.com"]);
    expect(live.get("connect-src")).toEqual(["'self'", "https://*.tosspayments.com"]);
    expect(
      paymentWindowOrigins({
        TOSS_PAYMENTS_SECRET_KEY: "test_sk_abc",
        TOSS_PAYMENTS_BASE_URL: "https://api.tosspayments.com",
      }),
    ).toEqual(["https://*.tosspayments.com"]);
  });

  test("no framing, no <base> hijack, no plugins, data only to this origin", () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    // A nonce in style-src would make browsers ignore 'unsafe-inline' and block style="".
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

test("oauthFormActionOrigins lists a provider only when both its id and secret are set", () => {
  expect(oauthFormActionOrigins({})).toEqual([]);
  expect(oauthFormActionOrigins({ AUTH_NAVER_ID: "id" })).toEqual([]);
  expect(oauthFormActionOrigins({ AUTH_NAVER_ID: "id", AUTH_NAVER_SECRET: "s" })).toEqual([
    "https://nid.naver.com",
  ]);
});

test("createNonce gives 128 random bits, different every time", () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
});

test("HSTS carries preload only when the merchant opts in", () => {
  expect(strictTransportSecurity({ hstsPreload: false })).toBe(
    "max-age=63072000; includeSubDomains",
  );
  expect(strictTransportSecurity({ hstsPreload: true })).toBe(
    "max-age=63072000; includeSubDomains; preload",
  );
});

describe("proxy", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const request = (path: string, cookie?: string) =>
    new NextRequest(`http://localhost:3000${path}`, {
      headers: cookie ? { cookie } : {},
    });

  function nonceOf(policy: string | null): string {
    const match = /'nonce-([^']+)'/.exec(policy ?? "");
    expect(match, `no nonce in ${policy}`).not.toBeNull();
    return match![1]!;
  }

  test("each request gets a fresh nonce, in the request headers Next renders with and in the response", async () => {
    const proxy = await loadProxy();
    const first = proxy(request("/sign-in"));
    const second = proxy(request("/sign-in"));
    const policy = first.headers.get("content-security-policy");
    const nonce = nonceOf(policy);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    // NextResponse.next({ request: { headers } }) passes overridden request headers this way.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-next")).toBe("1");
  });

  test("signed-in areas without a session cookie still redirect to sign-in, with the headers", async () => {
    const proxy = await loadProxy();
    const response = proxy(request("/admin/plans?x=1"));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/sign-in");
    expect(new URL(response.headers.get("location")!).searchParams.get("callbackUrl")).toBe(
      "/admin/plans?x=1",
    );
    expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
    expect(proxy(request("/account")).status).toBe(307);
    expect(proxy(request("/accounting")).headers.get("location")).toBeNull();
    const signedIn = proxy(request("/account", "authjs.session-token=abc"));
    expect(signedIn.headers.get("location")).toBeNull();
    expect(signedIn.headers.get("x-middleware-next")).toBe("1");
  });

  test("a cached storefront page's GET that reaches it passes untouched; its POSTs get a nonce", async () => {
    const proxy = await loadProxy();
    for (const path of ["/", "/pricing"]) {
      // The matcher lets such a GET through only with a Content-Type or x-vercel-id header.
      const response = proxy(request(path, "authjs.session-token=abc"));
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.get("content-security-policy")).toBeNull();
      expect(response.headers.get("x-middleware-request-x-nonce")).toBeNull();
    }
    // A server action posted from a cached page (sign-out) renders per request, with a nonce.
    const post = proxy(new NextRequest("http://localhost:3000/pricing", { method: "POST" }));
    nonceOf(post.headers.get("content-security-policy"));
    nonceOf(proxy(request("/pricing/x")).headers.get("content-security-policy"));
  });

  test("on Vercel, which never runs our cache handler, the cached pages keep the nonce instead", async () => {
    vi.stubEnv("VERCEL", "1");
    const proxy = await loadProxy();
    for (const path of ["/", "/pricing"]) {
      const response = proxy(request(path));
      const nonce = nonceOf(response.headers.get("content-security-policy"));
      expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    }
  });

  test("HSTS preload follows HSTS_PRELOAD; unsafe-eval never outside development", async () => {
    let proxy = await loadProxy();
    const signIn = proxy(request("/sign-in"));
    expect(signIn.headers.get("strict-transport-security")).not.toContain("preload");
    expect(signIn.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    vi.stubEnv("HSTS_PRELOAD", "true");
    proxy = await loadProxy();
    expect(proxy(request("/sign-in")).headers.get("strict-transport-security")).toContain(
      "; preload",
    );
  });
});

describe("proxy matcher", () => {
  const matches = async (url: string, headers: Record<string, string> = {}) => {
    const { config } = await import("@/proxy");
    return unstable_doesMiddlewareMatch({ config, url, headers });
  };

  test("leaves out the cached pages' plain requests and the build's static files", async () => {
    for (const url of ["/", "/pricing", "/?utm_source=x", "/_next/static/chunks/a.js"]) {
      expect(await matches(url), url).toBe(false);
    }
    expect(await matches("/favicon.ico")).toBe(false);
  });

  test("runs for every other page, and for the cached pages with a body or on Vercel", async () => {
    for (const url of ["/sign-in", "/pricing/x", "/pricingx", "/account", "/api/cron/billing"]) {
      expect(await matches(url), url).toBe(true);
    }
    const form = { "content-type": "multipart/form-data; boundary=x" };
    expect(await matches("/", form)).toBe(true);
    expect(await matches("/pricing", { "content-type": "text/plain;charset=UTF-8" })).toBe(true);
    expect(await matches("/", { "x-vercel-id": "icn1::abc" })).toBe(true);
    expect(await matches("/pricing", { "x-vercel-id": "icn1::abc" })).toBe(true);
  });
});

describe("a cached page's headers", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[CACHED_PAGE_HEADERS];
  });

  const bootstrap = "(self.__next_f=self.__next_f||[]).push([0])";
  const payload = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])';
  const turbopack =
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[94553]});';
  const injected = "window.__injected = true";
  const page = `<html><head><script src="/_next/static/chunks/x.js" async=""></script>
    <script id="_R_">${turbopack}</script></head><body><script>${bootstrap}</script>
    <script>${payload}</script><script>${injected}</script></body></html>`;
  const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

  test("the policy is the dynamic pages' policy, with script sources in place of the nonce", () => {
    const dynamic = directives(contentSecurityPolicy(production));
    const cached = directives(
      contentSecurityPolicyWithScriptSources(production, ["'self'", "'sha256-abc='"]),
    );
    expect(cached.get("script-src")).toEqual(["'self'", "'sha256-abc='"]);
    expect([...cached.keys()]).toEqual([...dynamic.keys()]);
    for (const [name, sources] of dynamic) {
      if (name === "script-src") continue;
      expect(cached.get(name), name).toEqual(sources);
    }
  });

  test("the script sources name Next's inline scripts by SHA-256 and leave any other out", () => {
    const { sources, unknown } = scriptSourcesFor(page);
    expect(sources).toEqual(
      expect.arrayContaining(["'self'", sha(bootstrap), sha(payload), sha(turbopack)]),
    );
    expect(sources).not.toContain(sha(injected));
    expect(sources).not.toContain("'unsafe-inline'");
    expect(unknown).toEqual([injected]);
  });

  test("the cache handler stores the published policy and HSTS, from the environment", () => {
    const env = parseEnv({
      NODE_ENV: "test",
      HSTS_PRELOAD: "true",
      AUTH_KAKAO_ID: "id",
      AUTH_KAKAO_SECRET: "secret",
    });
    (globalThis as Record<symbol, unknown>)[CACHED_PAGE_HEADERS] = cachedPageHeaders(env);
    const { headers } = cachedPageHeadersFor(page);
    const policy = directives(headers["content-security-policy"]!);
    expect(policy.get("script-src")).toEqual(expect.arrayContaining([sha(payload)]));
    expect(policy.get("script-src")).not.toContain(sha(injected));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'", ...oauthFormActionOrigins(env)]);
    expect(policy.get("form-action")).toContain("https://kauth.kakao.com");
    expect(headers["strict-transport-security"]).toBe(
      strictTransportSecurity({ hstsPreload: true }),
    );
  });

  test("unpublished (no instrumentation), the handler still stores a complete, strict policy", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { headers } = cachedPageHeadersFor(page);
    const policy = directives(headers["content-security-policy"]!);
    expect(policy.get("script-src")).toEqual(expect.arrayContaining([sha(bootstrap)]));
    expect(policy.get("script-src")).not.toContain(sha(injected));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
  });
});

test("the sandbox's app screens give their inline script the request's nonce", () => {
  const page = (nonce?: string) =>
    appPage({ title: "t", basePath: "", body: html`<p>x</p>`, script: "tick()", nonce }).value;
  expect(page("bm9uY2U=")).toContain(`<script nonce="bm9uY2U=">tick()</script>`);
  // Standalone (`npm run sandbox`) there is no proxy and no CSP asking for one.
  expect(page()).toContain("<script>tick()</script>");
});
