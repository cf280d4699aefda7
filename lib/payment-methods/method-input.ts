import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import type { PaymentMethod } from "@/lib/db/schema";
import type { MethodInput } from "@/lib/payments/types";

/**
 * What a provider needs to act on one of our stored keys (status, removal): who the customer is
 * at the provider and the key, decrypted only for this call.
 */
export function methodInputOf(
  method: Pick<PaymentMethod, "id" | "providerCustomerId" | "providerDisplayId">,
  // Passed separately so the caller's null check on the row narrows it.
  billingKeyCiphertext: string,
): MethodInput {
  return {
    providerCustomerId: method.providerCustomerId,
    providerDisplayId: method.providerDisplayId ?? undefined,
    billingKey: decryptBillingKey(billingKeyCiphertext, method.id),
  };
}
