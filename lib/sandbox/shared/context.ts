import type { Database } from "@/lib/db/client";
import type { RuntimeSettings, SandboxRuntime } from "./runtime";

/** What every operation of a sandbox gets from its handler. */
export type SandboxContext<S extends RuntimeSettings> = {
  db: Database;
  now: Date;
  /** Absolute base URL of the sandbox, e.g. http://localhost:3000/sandbox/toss-pay. */
  baseUrl: string;
  /** Path prefix of the sandbox on its host ("" when standalone), for links in pages. */
  basePath: string;
  runtime: SandboxRuntime<S>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** CSP nonce for inline scripts in pages; unset when no CSP asks for one (standalone). */
  nonce?: string | undefined;
  /** The name the provider knows the merchant by, shown on the customer's screens. */
  merchantName: string;
};

/** What a host passes to a sandbox's handler (the Next route, the node server, tests). */
export type SandboxHostOptions = {
  /** Path prefix the sandbox is mounted at, e.g. "/sandbox/toss-pay", or "" at the root. */
  basePath: string;
  db: Database;
  /** Clock override for tests. */
  now?: (() => Date) | undefined;
  /**
   * Who may use the developer tools ({base}/_sandbox/**): null lets the request through, a
   * Response (401/403, a sign-in redirect) is sent instead. Required, so every host states its
   * own policy: the Next route asks for an admin session outside local development, the node
   * server for a loopback client.
   */
  authorizeTools: (request: Request) => Promise<Response | null> | Response | null;
  /** This request's CSP nonce (proxy.ts's `x-nonce`) for the screens' inline scripts. */
  nonce?: string | undefined;
  /**
   * The merchant as the provider's app names it to the customer (Toss shows the name from the
   * merchant's contract). The app passes its business name; standalone, a placeholder.
   */
  merchantName?: string | undefined;
};

/** Standalone sandboxes (npm run sandbox, tests) have no merchant to name. */
export const PLACEHOLDER_MERCHANT_NAME = "테스트 가맹점";

/** A request under a sandbox's mount, as its routes get it. */
export type MountedRequest<Context> = {
  request: Request;
  method: string;
  url: URL;
  /** Below the mount, without a trailing slash ("/" for the mount itself). */
  path: string;
  ctx: Context;
};

/**
 * The request's path below the mount and the context operations get, or null when the URL is
 * not under the mount. Touches the runtime (starts its delivery timer).
 */
export function sandboxRequest<S extends RuntimeSettings>(
  request: Request,
  options: SandboxHostOptions,
  runtimeFor: (db: Database) => SandboxRuntime<S>,
): MountedRequest<SandboxContext<S>> | null {
  const url = new URL(request.url);
  const basePath = options.basePath.replace(/\/+$/, "");
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return null;
  const runtime = runtimeFor(options.db);
  runtime.touch();
  return {
    request,
    method: request.method,
    url,
    path: url.pathname.slice(basePath.length).replace(/\/+$/, "") || "/",
    ctx: {
      db: options.db,
      now: options.now?.() ?? new Date(),
      baseUrl: `${url.origin}${basePath}`,
      basePath,
      runtime,
      signal: request.signal,
      nonce: options.nonce,
      merchantName: options.merchantName?.trim() || PLACEHOLDER_MERCHANT_NAME,
    },
  };
}
