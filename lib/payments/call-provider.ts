import type { Failure } from "./types";

// Every call the engine makes to a provider that may move money (charge, lookUpCharge, refund) goes
// through here. A call that throws instead of answering — a bug in a client, a socket closed after
// the request left, a provider registry that cannot build the client — may have happened after the
// provider acted on it, so it is recorded as `unknown` and resolved by looking the same order id /
// refundNo up later (docs/billing.md "Charging" step 3), never as a failure that would let a caller
// try again under a new id.

export type ProviderCallKind = "charge" | "lookup" | "refund";

const CUSTOMER_MESSAGE: Record<ProviderCallKind, string> = {
  charge: "결제 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  lookup: "결제 결과를 확인하고 있어요.",
  refund: "환불 결과를 확인하고 있어요.",
};

/** A thrown provider call as the `unknown` answer every caller records. */
export function thrownAsUnknown(kind: ProviderCallKind, error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return {
    outcome: "unknown",
    code: "CLIENT_ERROR",
    merchantMessage: `${kind} call threw before an answer was read: ${message}`,
    customerMessage: CUSTOMER_MESSAGE[kind],
    raw: null,
  };
}

/**
 * Runs `call` (even one that throws synchronously) and turns anything thrown into `unknown`.
 * `R` is the provider's answer type, which always admits a Failure.
 */
export async function callProvider<R>(
  kind: ProviderCallKind,
  call: () => R | Promise<R>,
): Promise<R | Failure> {
  try {
    return await call();
  } catch (error) {
    return thrownAsUnknown(kind, error);
  }
}
