import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// What a journey needs to run a script against the same store as the browser, e.g. the billing
// run as of next month (e2e/support/billing-run.ts): the e2e server (scripts/e2e-server.ts)
// writes the environment its app runs with — database URL, APP_URL, the billing-key
// encryption key, the mail sink — to this file when the app starts, and removes it when it
// stops. It holds this run's secrets: mode 0600, under the git-ignored .data/, never printed.

/** The file of the e2e server on `port` (both sides derive it from E2E_PORT). */
export function serverEnvPath(port: number | string): string {
  return path.resolve(".data", "e2e-servers", `port-${port}.json`);
}

/** The environment of the e2e server behind `baseURL` (a journey's testInfo.project.use). */
export function serverEnvFor(baseURL: string): Record<string, string> {
  const file = serverEnvPath(new URL(baseURL).port);
  if (!existsSync(file)) {
    throw new Error(`no e2e server environment at ${file}: is scripts/e2e-server.ts running?`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}
