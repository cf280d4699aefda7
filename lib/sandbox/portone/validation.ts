import { z } from "zod";
import { invalidRequest } from "./api-error";

// Request bodies, read with zod: a broken rule answers 400 INVALID_REQUEST naming the field,
// like PortOne's own validation messages. Unknown fields are ignored (PortOne adds fields over
// time; the SDK sends only what it has).

/** A merchant's paymentId. Docs: none documented for TOSSPAY_V2 [unconfirmed]; the sandbox
 * enforces Toss Pay's orderNo rule (≤ 50 of [A-Za-z0-9_-]) because PortOne may pass the id
 * through to Toss Pay, so an id that works here also works live (docs/providers.md §3.3). */
export const PAYMENT_ID = /^[A-Za-z0-9_-]{1,50}$/;

export const int64 = z.number().int().safe();

export const noticeUrls = z
  .array(z.url({ protocol: /^https?$/ }).max(2000))
  .max(5)
  .optional()
  .transform((urls) => urls ?? []);

export const customerInput = z
  .object({
    id: z.string().max(100).optional(),
    name: z
      .union([
        z.object({ full: z.string().max(100) }),
        z.object({ separated: z.object({ first: z.string(), last: z.string() }) }),
      ])
      .optional(),
    email: z.string().max(200).optional(),
    phoneNumber: z.string().max(30).optional(),
  })
  .loose();

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  throw invalidRequest(`${path ? `${path}: ` : ""}${issue?.message ?? "올바르지 않은 값입니다."}`);
}

export function checkPaymentId(paymentId: string): void {
  if (!PAYMENT_ID.test(paymentId)) {
    throw invalidRequest("paymentId: 영문, 숫자, -, _ 로 50자 이하여야 합니다.");
  }
}
