import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { findOwnMethod } from "@/lib/payment-methods/find-own-method";
import { syncRegistration } from "@/lib/payment-methods/sync-registration";

// GET /payment-methods/:id/return — where the Toss app sends the browser back
// (returnSuccessUrl / returnFailureUrl). The query string is not trusted: the registration is
// confirmed with the provider here too, so a lost callback still ends consistent.
export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) redirect("/account");
  const { id } = parsed.data;
  const user = await requireUser({ callbackUrl: `/payment-methods/${id}` });
  const method = await findOwnMethod(user.id, id);
  if (!method) redirect("/account");
  if (method.status === "pending") await syncRegistration(id);
  redirect(`/payment-methods/${id}`);
}
