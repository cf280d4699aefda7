import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import {
  completeRegistrationReturn,
  registrationReturnSchema,
} from "@/lib/payment-methods/complete-registration-return";
import { registrationErrorPage } from "@/lib/payment-methods/registration-error-page";
import { providerSlugSchema } from "@/lib/payments/provider-names";

// GET /api/payments/:provider/return — where the customer's browser comes back from the
// provider (Toss Pay's app, a browser-SDK window's successUrl/failUrl). Public URL, so
// everything is checked: the provider segment, the query's size and fields, the signed-in
// customer, and a state signed for that customer and their pending registration. A return
// that fails any of it gets a Korean page and changes nothing.
export const dynamic = "force-dynamic";

// A return carries a state, a result and a code or key: well under 2 KB.
const MAX_URL_LENGTH = 4096;

export async function GET(
  request: Request,
  context: { params: Promise<{ provider: string }> },
): Promise<Response> {
  const provider = providerSlugSchema.safeParse((await context.params).provider);
  if (!provider.success || request.url.length > MAX_URL_LENGTH) {
    return registrationErrorPage(400);
  }
  const url = new URL(request.url);
  const query = registrationReturnSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return registrationErrorPage(400);

  const user = await requireUser({ callbackUrl: `${url.pathname}${url.search}` });
  const outcome = await completeRegistrationReturn({
    userId: user.id,
    provider: provider.data,
    query: query.data,
  });
  if (outcome.kind === "refused") {
    console.warn(`[registration return] refused for user ${user.id}: ${outcome.reason}`);
    return registrationErrorPage(403);
  }
  redirect(`/payment-methods/${outcome.method.id}`);
}
