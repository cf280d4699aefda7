import { z } from "zod";
import { requireUserApi } from "@/lib/auth/guards";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";

// GET /api/payment-methods/:id/status — polled by the waiting page until the customer has
// approved in the Toss app. Only the owner may read it.
export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await requireUserApi();
  if (user instanceof Response) return user;
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) {
    return Response.json(
      { error: { code: "not_found", message: "No such registration" } },
      { status: 404 },
    );
  }
  const status = await getRegistrationStatus(user.id, parsed.data.id);
  if (!status) {
    return Response.json(
      { error: { code: "not_found", message: "No such registration" } },
      { status: 404 },
    );
  }
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}
