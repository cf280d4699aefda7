import { receiveProviderEvent } from "@/lib/payment-methods/receive-provider-event";

// POST /api/payments/:provider/webhook — a provider's webhook. PortOne's
// (/api/payments/portone/webhook, sent with each registration's noticeUrls and set in its
// console) is signed: verified before anything is read, 401 when it does not verify, 409 for a
// settled event sent again. Toss Payments' is
// /api/payments/toss-payments/webhook, registered per MID in its developer centre
// (docs/providers.md §2.6). Unsigned: it is logged in provider_events (deduplicated on the
// tosspayments-webhook-transmission-id header) and acted on only as far as it can be
// confirmed; a BILLING_DELETED only flags the method "removal reported"
// (lib/payment-methods/report-method-removal.ts) until the next charge confirms it. Toss
// Payments retries anything but 200 for days, so the answer is a short, empty 200 whenever the
// event was recorded (statuses: lib/payment-methods/receive-provider-event.ts).
export const dynamic = "force-dynamic";

export async function POST(
  request: Request,
  context: { params: Promise<{ provider: string }> },
): Promise<Response> {
  const status = await receiveProviderEvent(request, (await context.params).provider, "webhook");
  return new Response(null, { status, headers: { "Cache-Control": "no-store" } });
}
