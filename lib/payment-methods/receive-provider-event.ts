import { clientIpFrom } from "@/lib/auth/client-ip";
import { providerSlugSchema } from "@/lib/payments/provider-names";
import { handleProviderEvent } from "./handle-provider-event";
import { readCallbackBody } from "./read-callback-body";

// What app/api/payments/[provider]/callback and …/webhook share: a public, unsigned provider
// request that is logged and confirmed by handleProviderEvent. Every request that reached us
// gets the same 200 — a forged or unknown event learns nothing, and the provider stops
// retrying — except when the path names no provider (404, nothing read), the body is too large
// to be a provider talking (413, nothing recorded) or we could not record it (500, so the
// provider's retry helps). Each route writes the answer its provider expects.

export type ReceivedStatus = 200 | 404 | 413 | 500;

export async function receiveProviderEvent(
  request: Request,
  providerSegment: string,
  kind: "callback" | "webhook",
): Promise<ReceivedStatus> {
  const provider = providerSlugSchema.safeParse(providerSegment);
  if (!provider.success) {
    await request.body?.cancel().catch(() => {});
    return 404;
  }
  const rawBody = await readCallbackBody(request);
  if (rawBody === null) return 413;
  try {
    await handleProviderEvent({
      provider: provider.data,
      rawBody,
      headers: request.headers,
      sourceIp: clientIpFrom(request.headers),
    });
  } catch (error) {
    console.error(`[${provider.data} ${kind}] could not record the event`, error);
    return 500;
  }
  return 200;
}
