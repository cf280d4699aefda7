import "server-only";
import type { BusinessInfo } from "@/components/site/site-footer";
import type { Plan } from "@/lib/db/schema";
import { renderingAtBuild } from "@/lib/env";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { PLACEHOLDER_BUSINESS_NAME } from "@/lib/merchant/missing-business-details";
import { paymentMode } from "@/lib/payments/mode";
import type { PaymentMode } from "@/lib/payments/types";
import { listActivePlans } from "@/lib/plans/queries";

// What the cached storefront pages read. They are rendered at the first visit after a start or
// an admin's change and then served from Next's cache: the admin actions that change plans,
// prices, business details or providers expire them on the spot (revalidatePath in
// app/(admin)/admin/plans/actions.ts and settings/actions.ts). Nothing here may depend on the
// visitor: the header asks the browser who is signed in (components/site/account-nav.tsx).
// `next build` also renders them, without a database; those renders are never served.

export async function publicPlans(): Promise<Plan[]> {
  return renderingAtBuild() ? [] : listActivePlans();
}

export async function publicShell(): Promise<{ settings: BusinessInfo; paymentMode: PaymentMode }> {
  if (renderingAtBuild()) {
    return {
      settings: {
        businessName: PLACEHOLDER_BUSINESS_NAME,
        representativeName: null,
        businessRegistrationNumber: null,
        mailOrderRegistrationNumber: null,
        businessAddress: null,
        supportPhone: null,
        supportEmail: null,
      },
      paymentMode: "sandbox",
    };
  }
  return { settings: await getMerchantSettings(), paymentMode: paymentMode() };
}
