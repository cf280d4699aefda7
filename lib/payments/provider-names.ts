import { z } from "zod";
import type { ProviderName } from "./types";

// Provider names where they arrive from outside: forms (a checkout's provider choice) and URLs
// (app/api/payments/[provider]/…: toss-pay, toss-payments, portone). The callback URL Toss Pay
// was given, /api/payments/toss-pay/callback, keeps working unchanged.

/** A provider name in a form field; anything else is refused. */
export const providerNameSchema = z.enum(["toss_pay", "toss_payments", "portone"]);

const SLUGS = {
  toss_pay: "toss-pay",
  toss_payments: "toss-payments",
  portone: "portone",
} as const satisfies Record<z.infer<typeof providerNameSchema>, string>;

export function providerSlug(name: ProviderName): string {
  return SLUGS[name];
}

const BY_SLUG = new Map<string, ProviderName>(
  Object.entries(SLUGS).map(([name, slug]) => [slug, name as ProviderName]),
);

/** The provider a URL segment names, or null for anything else. */
export const providerSlugSchema = z
  .string()
  .max(20)
  .transform((slug, ctx) => {
    const name = BY_SLUG.get(slug);
    if (!name) {
      ctx.addIssue({ code: "custom", message: `unknown payment provider "${slug}"` });
      return z.NEVER;
    }
    return name;
  });
