import { clientIpFrom } from "@/lib/auth/client-ip";
import { handleProviderEvent } from "@/lib/payment-methods/handle-provider-event";
import { readCallbackBody } from "@/lib/payment-methods/read-callback-body";
import { providerSlugSchema } from "@/lib/payments/provider-names";

// POST /api/payments/:provider/callback — a provider's server-to-server result callback or
// webhook; Toss Pay's billing-key resultCallback is /api/payments/toss-pay/callback
// (docs/providers.md §1.4.2). Unsigned ones are only a trigger: handleProviderEvent logs it and
// confirms with the provider before anything changes. Toss retries every 3 minutes on anything
// but 200, so every request that reached us gets the same short 200 — a forged or unknown
// callback learns nothing — except when we could not even record it (then a retry helps), when
// the body is too large to be a callback (413, nothing recorded) and when the path names no
// provider (404, nothing read).
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function POST(
  request: Request,
  context: { params: Promise<{ provider: string }> },
): Promise<Response> {
  const provider = providerSlugSchema.safeParse((await context.params).provider);
  if (!provider.success) {
    await request.body?.cancel().catch(() => {});
    return Response.json({ code: -1 }, { status: 404, headers: NO_STORE });
  }
  const rawBody = await readCallbackBody(request);
  if (rawBody === null) {
    return Response.json({ code: -1 }, { status: 413, headers: NO_STORE });
  }
  try {
    await handleProviderEvent({
      provider: provider.data,
      rawBody,
      headers: request.headers,
      sourceIp: clientIpFrom(request.headers),
    });
  } catch (error) {
    console.error(`[${provider.data} callback] could not record the event`, error);
    return Response.json({ code: -1 }, { status: 500 });
  }
  return Response.json({ code: 0 }, { status: 200, headers: NO_STORE });
}
