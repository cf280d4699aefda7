import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

// The e2e server (scripts/e2e-server.ts) runs an SMTP sink and appends every email the app sends
// to this file, one JSON object a line, so journeys can read what a customer received.

export type ReceivedMail = { to: string[]; subject: string; text: string };

/** The mail log of the e2e server on `port` (both sides derive it from E2E_PORT). */
export function mailLogPath(port: number | string = process.env.E2E_PORT ?? 3210): string {
  return path.resolve(".data", "e2e-mail", `port-${port}.jsonl`);
}

// Every server of this run (playwright.config.ts starts one per merchant configuration); each
// journey's addresses are unique, so reading them all finds its mail whichever server sent it.
function readMail(): ReceivedMail[] {
  const dir = path.dirname(mailLogPath());
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) => readFileSync(path.join(dir, name), "utf8").split("\n"))
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ReceivedMail);
}

/** Waits for an email to `to` whose subject contains `subject`, and returns the latest one. */
export async function waitForMail(to: string, subject: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = readMail()
          .filter((m) => m.to.includes(to) && m.subject.includes(subject))
          .at(-1);
        return found !== undefined;
      },
      { message: `an email "${subject}" to ${to}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The verification link from the latest "이메일 주소를 확인해 주세요" email to `to`. */
export async function verificationLinkFor(to: string): Promise<string> {
  const mail = await waitForMail(to, "이메일 주소를 확인해 주세요");
  const link = /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+\S*/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no verification link in: ${mail.text}`);
  return link;
}
