"use client";

import { useSyncExternalStore } from "react";

// Who is signed in, as the browser learns it from Auth.js's session endpoint: the storefront
// pages served from Next's cache (app/(public)) are the same for everyone, so their header and
// buttons ask here instead of reading the session cookie on the server. One request serves
// every component on the page; undefined until it has answered.

export type SignedInUser = { role: "customer" | "admin" } | null;

// GET /api/auth/session: null (or {}) when signed out, else the session with our `role`.
// Checked by hand rather than with zod: zod probes for eval() on first use, which these pages'
// script policy forbids, and the browser would report the probe as a violation.
function signedInUserOf(session: unknown): SignedInUser {
  if (typeof session !== "object" || session === null || !("user" in session)) return null;
  const user = session.user;
  if (typeof user !== "object" || user === null) return null;
  return { role: "role" in user && user.role === "admin" ? "admin" : "customer" };
}

let known: { user: SignedInUser } | undefined;
let inflight: Promise<void> | undefined;
const listeners = new Set<() => void>();

function publish(user: SignedInUser) {
  known = { user };
  for (const listener of listeners) listener();
}

/** Asks again (each page the visitor opens), keeping the last answer until the new one. */
export function refreshSignedInUser(): void {
  inflight ??= fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" })
    .then(async (response) => (response.ok ? signedInUserOf(await response.json()) : null))
    .catch(() => null)
    .then((user) => {
      inflight = undefined;
      publish(user);
    });
}

const SIGN_OUT_CHECKS = 20;
const SIGN_OUT_CHECK_MS = 250;

/**
 * The sign-out form was sent: ask until the server says signed out, then show the signed-out
 * header. Not at once: the header would say "로그인" while the session still stood, and a visitor
 * who went on at that moment would find themselves signed in. Bounded: a sign-out that never
 * lands leaves the header as it was, which is the truth.
 */
export function confirmSignedOut(): void {
  let tries = 0;
  const check = () => {
    void fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" })
      .then(async (response) => (response.ok ? signedInUserOf(await response.json()) : undefined))
      .catch(() => undefined)
      .then((user) => {
        if (user === null) publish(null);
        else if (++tries < SIGN_OUT_CHECKS) setTimeout(check, SIGN_OUT_CHECK_MS);
      });
  };
  setTimeout(check, SIGN_OUT_CHECK_MS);
}

export function useSignedInUser(): SignedInUser | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => known?.user,
    () => undefined,
  );
}
