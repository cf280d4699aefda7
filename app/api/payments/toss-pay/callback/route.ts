import { handleProviderEvent } from "@/lib/payment-methods/handle-provider-event";

// POST /api/payments/toss-pay/callback — Toss Pay's billing-key resultCallback
// (providers.md §1.4.2). Unsigned: handleProviderEvent logs it and confirms with
// /billing-key/status before anything changes. Toss retries every 3 minutes on anything but
// 200, so every request that reached us gets the same short 200 — a forged or unknown
// callback learns nothing — except when we could not even record it (then a retry helps).
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const rawBody = await request.text();
  const sourceIp =
    request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ??
    request.headers.get("x-real-ip") ??
    null;
  try {
    await handleProviderEvent({
      provider: "toss_pay",
      rawBody,
      headers: request.headers,
      sourceIp,
    });
  } catch (error) {
    console.error("[toss-pay callback] could not record the event", error);
    return Response.json({ code: -1 }, { status: 500 });
  }
  return Response.json({ code: 0 }, { status: 200, headers: { "Cache-Control": "no-store" } });
}
