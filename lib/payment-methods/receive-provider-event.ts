import { clientIpFrom } from "@/lib/auth/client-ip";
import { db } from "@/lib/db/client";
import { providerSlugSchema } from "@/lib/payments/provider-names";
import { type RateLimitRule, consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { handleProviderEvent } from "./handle-provider-event";
import { readCallbackBody } from "./read-callback-body";

// What app/api/payments/[provider]/callback and …/webhook share: a public, unsigned provider
// request that is logged and confirmed by handleProviderEvent. Every request that reached us
// gets the same 200 — a forged or unknown event learns nothing, and the provider stops
// retrying — except when the path names no provider (404, nothing read), the body is too large
// to be a provider talking (413, nothing recorded), the sender's address is over its limit (429,
// nothing recorded: a provider retries later, a flood of forged events fills no table) or we
// could not record it (500, so the provider's retry helps). A provider that signs its events
// (PortOne) is held to more: a delivery whose signature or timestamp does not verify gets 401
// and is not recorded, and a signed event already settled that arrives again (a replayed
// webhook-id) gets 409 and changes nothing. Each route writes the answer its provider expects.

export type ReceivedStatus = 200 | 401 | 404 | 409 | 413 | 429 | 500 | 503;

// Per sender address. A provider sends from a few addresses, an event per registration, charge
// change or key deletion: far below 600 a minute for any store this runs; a stranger with
// random bodies (each a new provider_events row) is stopped there.
export const PROVIDER_EVENT_RULE: RateLimitRule = {
  name: "provider-event:ip:1m",
  limit: 600,
  windowMs: 60_000,
};

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
  // Without a trusted proxy header (self-hosted, no TRUSTED_PROXY_IP_HEADER) every sender shares
  // one counter: the limit then caps the total, which still bounds a flood.
  const sourceIp = clientIpFrom(request.headers);
  const decision = await consumeRateLimit(db(), PROVIDER_EVENT_RULE, sourceIp ?? "unknown");
  if (!decision.allowed) {
    await request.body?.cancel().catch(() => {});
    return 429;
  }
  const rawBody = await readCallbackBody(request);
  if (rawBody === null) return 413;
  let handled;
  try {
    handled = await handleProviderEvent({
      provider: provider.data,
      rawBody,
      headers: request.headers,
      sourceIp,
    });
  } catch (error) {
    console.error(`[${provider.data} ${kind}] could not record the event`, error);
    return 500;
  }
  if (handled.answer === "refused") {
    console.warn(`[${provider.data} ${kind}] ${handled.outcome} (from ${sourceIp ?? "unknown"})`);
    return 401;
  }
  if (handled.answer === "retry_later") return 503;
  return handled.answer === "replayed" ? 409 : 200;
}
