import type { Database } from "@/lib/db/client";
import type { SandboxRuntime } from "@/lib/sandbox/shared/runtime";
import type { SettingsView } from "./settings";

/** What every sandbox operation gets from the handler. */
export type SandboxContext = {
  db: Database;
  now: Date;
  /** Absolute base URL of the sandbox, e.g. http://localhost:3000/sandbox/toss-pay. */
  baseUrl: string;
  /** Path prefix of the sandbox on its host ("" when standalone), for links in pages. */
  basePath: string;
  runtime: SandboxRuntime<SettingsView>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** CSP nonce for inline scripts in pages; unset when no CSP asks for one (standalone). */
  nonce?: string | undefined;
};

/** One Toss Pay API endpoint: the merchant's key and its JSON body in, the JSON answer out. */
export type ApiOperation = (
  ctx: SandboxContext,
  apiKey: string,
  body: Record<string, unknown>,
) => Promise<Record<string, unknown>>;
