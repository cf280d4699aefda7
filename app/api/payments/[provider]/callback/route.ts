import { receiveProviderEvent } from "@/lib/payment-methods/receive-provider-event";

// POST /api/payments/:provider/callback — a provider's server-to-server result callback or
// webhook; Toss Pay's billing-key resultCallback is /api/payments/toss-pay/callback
// (docs/providers.md §1.4.2). Unsigned ones are only a trigger: handleProviderEvent logs it and
// confirms with the provider before anything changes. Toss retries every 3 minutes on anything
// but 200, so every request that reached us gets the same short 200 — a forged or unknown
// callback learns nothing — except when we could not even record it (then a retry helps), when
// the body is too large to be a callback (413, nothing recorded) and when the path names no
// provider (404, nothing read); lib/payment-methods/receive-provider-event.ts.
export const dynamic = "force-dynamic";

export async function POST(
  request: Request,
  context: { params: Promise<{ provider: string }> },
): Promise<Response> {
  const status = await receiveProviderEvent(request, (await context.params).provider, "callback");
  // Toss Pay's envelope: code 0 for "received", -1 otherwise.
  return Response.json(
    { code: status === 200 ? 0 : -1 },
    status === 500 ? { status } : { status, headers: { "Cache-Control": "no-store" } },
  );
}
