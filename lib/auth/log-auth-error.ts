import { CredentialsSignin } from "next-auth";

// Auth.js's logger.error. Two kinds of "error" are expected outcomes, not server faults:
// - a wrong password (CredentialsSignin): the form says so; nothing to log;
// - a session cookie that does not decrypt (JWTSessionError): a stale cookie after AUTH_SECRET
//   rotated, or one a client tampered with. Auth.js treats it as signed out; its default logger
//   prints a stack trace per request, so anyone could flood the logs by sending garbage
//   cookies. One warn line instead, naming the cause but never the cookie.
// Everything else is a real error and keeps its stack.

const ONE_LINE_MAX = 200;

function typeOf(error: Error): string {
  const type = (error as Error & { type?: unknown }).type;
  return typeof type === "string" ? type : error.name;
}

function causeName(error: Error): string | null {
  const cause = error.cause;
  if (typeof cause !== "object" || cause === null) return null;
  const err = "err" in cause ? cause.err : cause;
  return err instanceof Error ? err.name : null;
}

export function logAuthError(error: Error): void {
  if (error instanceof CredentialsSignin) return;
  if (typeOf(error) === "JWTSessionError") {
    const cause = causeName(error);
    console.warn(
      `[auth] ignored an unreadable session cookie (JWTSessionError${cause ? `: ${cause}` : ""}); the request continues signed out`
        .replace(/\s+/g, " ")
        .slice(0, ONE_LINE_MAX),
    );
    return;
  }
  console.error(error);
}
