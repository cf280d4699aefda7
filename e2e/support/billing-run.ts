import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { serverEnvFor } from "./server-env";

// The billing run a merchant's cron does, as of a chosen moment: `scripts/billing-run.ts` as a
// child process against the e2e server's database and in-app sandbox (e2e/support/server-env.ts),
// so renewals, failures and the emails they send happen exactly as in production.

const run = promisify(execFile);

/** Runs one billing pass as of `now` (no registration sweep); throws with its output if it fails. */
export async function runBillingAsOf(baseURL: string, now: Date): Promise<void> {
  const env = { ...process.env, ...serverEnvFor(baseURL) };
  try {
    await run(
      process.execPath,
      ["--import", "tsx", "scripts/billing-run.ts", "--now", now.toISOString(), "--no-sweep"],
      { env, timeout: 90_000 },
    );
  } catch (error) {
    // Its stdout and stderr are summaries and Korean/English messages, never the environment.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`billing run as of ${now.toISOString()} failed:\n${stderr}\n${stdout}`);
  }
}

/** The day after a date the account page shows ("2027년 1월 6일"), at noon in Seoul. */
export function dayAfterSeoulDate(shown: string): Date {
  const match = /(\d{4})년 (\d{1,2})월 (\d{1,2})일/.exec(shown);
  if (!match) throw new Error(`not a date the account page shows: ${shown}`);
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1, 3)); // 12:00 KST
}
