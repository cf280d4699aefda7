import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import type { ProviderName } from "@/lib/payments/types";
import { confirmNamedKey } from "./confirm-named-key";
import { verifyRegistrationState } from "./registration-state";
import { expiredAt, markRegistrationFailed, syncRegistration } from "./sync-registration";

// The customer's browser comes back from the provider (app/api/payments/[provider]/return).
// Toss Pay's app returns after the customer approved a key we already hold: confirm it with
// the provider, as the callback does. A browser-SDK provider returns with what its window
// produced — Toss Payments a one-time authKey and the customerKey, PortOne a billing key — or
// with an error code; the provider confirms (exchanges) it, and only then is the key stored,
// encrypted, with the activation. Nothing in the query string is trusted on its own.

/** The return's query string. Capped field by field; unknown fields are dropped. */
export const registrationReturnSchema = z.object({
  state: z.string().min(1).max(200),
  result: z.enum(["success", "failure"]),
  authKey: z.string().min(1).max(300).optional(),
  customerKey: z.string().min(1).max(300).optional(),
  billingKey: z.string().min(1).max(300).optional(),
  code: z.string().min(1).max(100).optional(),
  message: z.string().min(1).max(500).optional(),
  pgCode: z.string().min(1).max(100).optional(),
});

export type RegistrationReturn = z.infer<typeof registrationReturnSchema>;

export type ReturnOutcome =
  // The state was not signed for this customer, names no row of theirs or another provider's
  // row: nothing was read further and nothing changed.
  | { kind: "refused"; reason: string }
  // Go to the registration page, which shows where it ended (active, failed, still pending).
  | { kind: "done"; method: PaymentMethod };

export async function completeRegistrationReturn(input: {
  userId: string;
  provider: ProviderName;
  query: RegistrationReturn;
  now?: Date;
  // inline: run the follow-ups (old key removal, first charge) before returning (tests).
  inline?: boolean;
  providerFor?: ProviderFor;
}): Promise<ReturnOutcome> {
  const now = input.now ?? new Date();
  const providerFor = input.providerFor ?? defaultProviderFor;
  const methodId = verifyRegistrationState(input.query.state, input.userId);
  if (!methodId) return { kind: "refused", reason: "state not signed for this customer" };
  const [method] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
  // Signed for this customer, so the row is theirs unless it is gone; the provider in the path
  // must be the one the registration went through.
  if (method?.userId !== input.userId || method.provider !== input.provider) {
    return { kind: "refused", reason: "no registration of this customer's matches" };
  }
  // Ended already (a second return, the callback came first): show how it ended.
  if (method.status !== "pending") return { kind: "done", method };

  if (method.billingKeyCiphertext) {
    const synced = await syncRegistration(method.id, {
      now,
      inline: input.inline,
      providerFor,
    });
    return { kind: "done", method: synced.method };
  }

  const fail = async (code: string, message: string) => ({
    kind: "done" as const,
    method: await markRegistrationFailed(method, code, message, now),
  });
  if (expiredAt(method, now)) {
    return fail(
      "EXPIRED",
      "The customer came back from the provider's window after the registration expired.",
    );
  }
  const { query } = input;
  if (query.result === "failure" || query.code) {
    // PortOne's SDK codes are generic (PGProviderError); the PG's own code says what happened.
    const code = query.pgCode ?? query.code ?? "PROVIDER_FAILED";
    return fail(
      code,
      `The provider's window returned ${query.code ?? "a failure"}${query.pgCode ? ` (${query.pgCode})` : ""}${query.message ? `: ${query.message}` : ""}.`,
    );
  }
  // Toss Payments names the customer it issued for; it must be the one this row registers.
  if (query.customerKey && query.customerKey !== method.providerCustomerId) {
    return fail("CUSTOMER_MISMATCH", "The provider's window returned another customer's key.");
  }
  if (!query.authKey && !query.billingKey) {
    return fail(
      "INVALID_RETURN",
      "The provider's window returned neither an authKey nor a billing key.",
    );
  }

  const confirmed = await confirmNamedKey(
    method,
    { authKey: query.authKey, billingKey: query.billingKey },
    now,
    { inline: input.inline ?? false, providerFor },
  );
  return { kind: "done", method: confirmed.method };
}
