import { clientIpFrom } from "@/lib/auth/client-ip";
import { handleProviderEvent } from "@/lib/payment-methods/handle-provider-event";
import { readCallbackBody } from "@/lib/payment-methods/read-callback-body";

// POST /api/payments/toss-pay/callback — Toss Pay's billing-key resultCallback
// (providers.md §1.4.2). Unsigned: handleProviderEvent logs it and confirms with
// /billing-key/status before anything changes. Toss retries every 3 minutes on anything but
// 200, so every request that reached us gets the same short 200 — a forged or unknown
// callback learns nothing — except when we could not even record it (then a retry helps) and
// when the body is too large to be a callback (413, nothing recorded).
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const rawBody = await readCallbackBody(request);
  if (rawBody === null) {
    return Response.json({ code: -1 }, { status: 413, headers: { "Cache-Control": "no-store" } });
  }
  try {
    await handleProviderEvent({
      provider: "toss_pay",
      rawBody,
      headers: request.headers,
      sourceIp: clientIpFrom(request.headers),
    });
  } catch (error) {
    console.error("[toss-pay callback] could not record the event", error);
    return Response.json({ code: -1 }, { status: 500 });
  }
  return Response.json({ code: 0 }, { status: 200, headers: { "Cache-Control": "no-store" } });
}
