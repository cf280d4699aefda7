// Next's page cache (its file-system cache handler, next.config.ts `cacheHandler`) with one
// addition: every cached page carries its whole Content-Security-Policy, whose script-src names
// each of the page's inline scripts by its SHA-256 hash, and its Strict-Transport-Security.
//
// Why: proxy.ts gives every dynamic page a fresh CSP nonce, and Next puts it on the scripts it
// renders. A cached page (the storefront's `/` and `/pricing`, app/(public)) is rendered once
// and served to everyone, so it cannot carry a per-request nonce, and Next's documented
// alternative without nonces needs 'unsafe-inline' for its inline RSC scripts
// (`self.__next_f.push(…)`). Hashes keep the promise the nonce made: a script runs only if we
// rendered it. The hashes are taken here, when Next stores a render (`set`), so each cached
// render and its policy are made together; the same object is what Next then answers that very
// request with, so the first visitor gets the headers as well.
//
// Only Next's own inline scripts are hashed (the RSC payload pushes); any other inline script
// in a cached page would be left out, so a browser refuses it, and is logged here. Entries of
// app pages without the policy (the build's prerenders, made without a database) are treated
// as missing, so Next renders them afresh at the first request and stores them through `set`.
//
// The rest of the policy depends on the environment (OAuth login hosts, the providers' window
// hosts, HSTS preload) and is composed by lib/security/cached-page-headers.ts, which
// instrumentation.ts publishes under a global symbol at server start; these pages are outside
// proxy.ts's matcher, so nothing else adds headers to them. Plain JavaScript because Next loads
// this file itself at run time, outside the app's bundles.
import { createHash } from "node:crypto";
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";

const FileSystemCache = fileSystemCacheModule.default ?? fileSystemCacheModule;
// Next's record of revalidated tags, the one its own revalidateTag writes and get reads.
const { areTagsExpired, areTagsStale } = tagsManifestModule;
const CACHE_TAGS_HEADER = "x-next-cache-tags";

export const SCRIPT_POLICY_HEADER = "content-security-policy";

// The providers' browser SDKs, loaded by our bundle on the checkout and waiting pages, which a
// visitor may reach from a cached page without a full page load (the page's policy stays in
// force until then): lib/security/security-headers.ts's payment-window hosts. The dynamic pages'
// 'strict-dynamic' allows whatever a trusted script loads; here the hosts are named instead.
const PROVIDER_SDK_ORIGINS = ["https://*.tosspayments.com", "https://*.portone.io"];

// Published by instrumentation.ts (lib/security/cached-page-headers.ts, same symbol).
const CACHED_PAGE_HEADERS = Symbol.for("storefront.cachedPageHeaders");

// If the composer was never published (it always is under `next start`), the page still goes
// out under a complete policy: this one, with no outside origins at all. Strict rather than
// missing: a cached page must never be served without a script policy.
function strictFallbackHeaders(scriptSources) {
  return {
    [SCRIPT_POLICY_HEADER]: [
      "default-src 'self'",
      ["script-src", ...scriptSources].join(" "),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  };
}

const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;
// What Next writes inline in an App Router page: the RSC payload's bootstrap and its chunks,
// and Turbopack's runtime bootstrap (the chunk list of the page, <script id="_R_">).
const NEXT_INLINE_SCRIPTS = [
  /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(\[0\]\)$/,
  /^self\.__next_f\.push\(\[\d+,[\s\S]*\]\)$/,
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(\{"otherChunks":\[[^\]]*\],"runtimeModuleIds":\[[\d,]*\]\}\);$/,
];

/** A rendered page's script sources: 'self', the SDK hosts and each inline script's hash. */
export function scriptSourcesFor(html) {
  const hashes = new Set();
  const unknown = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? "";
    if (/\ssrc\s*=/.test(attributes)) continue;
    const body = match[2] ?? "";
    if (!NEXT_INLINE_SCRIPTS.some((pattern) => pattern.test(body))) {
      unknown.push(body.slice(0, 60));
      continue;
    }
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return { sources: ["'self'", ...PROVIDER_SDK_ORIGINS, ...hashes], unknown };
}

/** The headers stored with a rendered page: its whole policy and HSTS. */
export function cachedPageHeadersFor(html) {
  const { sources, unknown } = scriptSourcesFor(html);
  const compose = globalThis[CACHED_PAGE_HEADERS];
  if (typeof compose !== "function") {
    console.warn(
      "[cache] the cached pages' headers were not published at start (instrumentation.ts); storing a strict policy without outside origins",
    );
    return { headers: strictFallbackHeaders(sources), unknown };
  }
  return { headers: compose(sources), unknown };
}

// A page render that began before an admin's change and ended after it would otherwise be
// stored as the newest version (Next stamps an entry with the time it is stored, not the time
// its data was read), and the old price would stay in the cache until the next change. So the
// handler notes when a page missed (its render begins), and does not store a render if one of
// its tags was revalidated since: that visitor still gets it, the next one gets a fresh render.
const missedAt = new Map();
// A miss whose render failed (the database was down) is never followed by `set`. Its time would
// otherwise stay and make the first render after the next revalidation look straddled, wasting
// it; no render takes this long, so an older miss is treated as that of a render that failed.
const FAILED_RENDER_AFTER_MS = 60_000;

function revalidatedSince(data, since) {
  const tags = data.headers?.[CACHE_TAGS_HEADER];
  if (typeof tags !== "string" || tags === "") return false;
  const list = tags.split(",");
  return areTagsExpired(list, since) || areTagsStale(list, since);
}

export default class ScriptHashCacheHandler extends FileSystemCache {
  async get(...args) {
    const [key, ctx] = args;
    const entry = await super.get(...args);
    const value = entry?.value;
    const usable = entry && !(value?.kind === "APP_PAGE" && !value.headers?.[SCRIPT_POLICY_HEADER]);
    if (usable) return entry;
    // The first miss since the last store: the render Next starts now reads the data then. A
    // later miss while that render may still run keeps the earlier time (the safe side).
    if (ctx?.kind === "APP_PAGE") {
      const now = Date.now();
      const since = missedAt.get(key);
      if (since === undefined || now - since > FAILED_RENDER_AFTER_MS) missedAt.set(key, now);
    }
    return null;
  }

  // Not async until super.set: the headers must be on `data` before Next answers with it.
  set(key, data, ctx) {
    const since = missedAt.get(key);
    missedAt.delete(key);
    if (data?.kind === "APP_PAGE" && typeof data.html === "string") {
      const { headers, unknown } = cachedPageHeadersFor(data.html);
      if (unknown.length > 0) {
        console.warn(
          `[cache] ${key}: ${unknown.length} inline script(s) not written by Next are left out of the page's script policy: ${JSON.stringify(unknown)}`,
        );
      }
      data.headers = { ...data.headers, ...headers };
      if (since !== undefined && revalidatedSince(data, since)) return Promise.resolve();
    }
    return super.set(key, data, ctx);
  }
}
