import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";

/**
 * A billing key as payment_methods stores it: AES-256-GCM ciphertext bound to the row, the
 * fingerprint that lets a callback find the row, and the encryption key's version. The only
 * way a key is written, whether the provider hands it over at the start (Toss Pay) or on the
 * browser's return (Toss Payments, PortOne).
 */
export function encryptedKeyColumns(billingKey: string, methodId: string) {
  const { ciphertext, keyVersion } = encryptBillingKey(billingKey, methodId);
  return {
    billingKeyCiphertext: ciphertext,
    billingKeyFingerprint: fingerprintBillingKey(billingKey),
    keyVersion,
  };
}
