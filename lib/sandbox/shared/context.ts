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
};
