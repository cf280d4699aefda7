import nodemailer from "nodemailer";
import { getEnv, type Env } from "@/lib/env";

// Where the outbox's emails go, chosen once from the environment (documenso's habit: a real
// provider when configured, a local default otherwise, so development and tests need nothing
// outside):
//   SMTP_URL set                  → SMTP (nodemailer); the customer gets the email.
//   unset, NODE_ENV=development   → printed to the server console (the developer's own machine);
//                                   the row stays in the outbox as `skipped`.
//   unset, production or test     → nothing leaves and nothing is printed (bodies carry account
//                                   and consent links); the row is kept as `skipped`.
// A skipped row is still shown to the customer (account page) and the merchant (admin outbox),
// and the admin can re-queue it once email is configured.

export type OutgoingEmail = { to: string; subject: string; text: string };

export type SendOutcome =
  | { delivered: true; messageId: string | null }
  // Nothing reached the customer's inbox on purpose; the row is kept as `skipped` with `reason`.
  | { delivered: false; reason: string };

export type Mailer = { send: (email: OutgoingEmail) => Promise<SendOutcome> };

// Shared with deliver-notifications.ts: the pool size is the number of concurrent sends.
export const SEND_CONCURRENCY = 4;
const ERROR_MAX_LENGTH = 500;

export const NOT_CONFIGURED_REASON = "email is not configured (SMTP_URL unset)";
export const PRINTED_REASON =
  "email is not configured (SMTP_URL unset); printed to the server console instead (development)";

type SmtpError = Error & { code?: string; responseCode?: number; command?: string };

/** An SMTP mailer (nodemailer) for `url` (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(options: { url: string; from: string }): Mailer & {
  close: () => void;
} {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: SEND_CONCURRENCY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // nodemailer logs nothing by default; keep it so (the URL holds the password).
    logger: false,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        headers: { "Content-Language": "ko" },
      });
      return { delivered: true, messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

/** Local development without SMTP: the email is printed so the developer can read and click it. */
export function createConsoleMailer(options: {
  from: string;
  print?: (text: string) => void;
}): Mailer {
  const print = options.print ?? ((text: string) => console.info(text));
  return {
    send(email) {
      print(
        [
          "[email] not sent (SMTP_URL is unset); this is what the customer would get:",
          `From: ${options.from}`,
          `To: ${email.to}`,
          `Subject: ${email.subject}`,
          "",
          email.text,
          "[email] end",
        ].join("\n"),
      );
      return Promise.resolve({ delivered: false, reason: PRINTED_REASON });
    },
  };
}

/** Production or tests without SMTP: nothing leaves, nothing is printed. */
export const notConfiguredMailer: Mailer = {
  send: () => Promise.resolve({ delivered: false, reason: NOT_CONFIGURED_REASON }),
};

export function senderAddress(env: Pick<Env, "EMAIL_FROM" | "APP_URL">): string {
  return env.EMAIL_FROM ?? `no-reply@${new URL(env.APP_URL).hostname}`;
}

let smtpMailer: { url: string; from: string; mailer: Mailer & { close: () => void } } | undefined;

/** The mailer for an environment (see the table at the top). One SMTP pool per process. */
export function mailerFor(
  env: Pick<Env, "NODE_ENV" | "SMTP_URL" | "EMAIL_FROM" | "APP_URL">,
): Mailer {
  const from = senderAddress(env);
  if (env.SMTP_URL) {
    if (smtpMailer?.url !== env.SMTP_URL || smtpMailer.from !== from) {
      smtpMailer?.mailer.close();
      smtpMailer = {
        url: env.SMTP_URL,
        from,
        mailer: createSmtpMailer({ url: env.SMTP_URL, from }),
      };
    }
    return smtpMailer.mailer;
  }
  return env.NODE_ENV === "development" ? createConsoleMailer({ from }) : notConfiguredMailer;
}

/** The mailer configured by SMTP_URL / EMAIL_FROM / NODE_ENV. */
export function mailerFromEnv(): Mailer {
  return mailerFor(getEnv());
}

/** An error message safe to store and show: no credentials, bounded length. */
export function describeSendError(error: unknown, smtpUrl: string | undefined): string {
  const e = error as SmtpError;
  let message = error instanceof Error ? `${e.code ?? e.name}: ${e.message}` : String(error);
  if (smtpUrl) {
    const secrets = [smtpUrl];
    try {
      const url = new URL(smtpUrl);
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
      if (url.username) secrets.push(url.username, decodeURIComponent(url.username));
    } catch {
      // Not a URL: the whole string is still redacted.
    }
    for (const secret of secrets.filter((s) => s.length >= 3)) {
      message = message.replaceAll(secret, "[redacted]");
    }
  }
  return message.slice(0, ERROR_MAX_LENGTH);
}

/** 550–553: the mailbox or address is refused for good; retrying cannot help. */
export function isPermanentSendError(error: unknown): boolean {
  const code = (error as SmtpError).responseCode;
  return typeof code === "number" && code >= 550 && code <= 553;
}
