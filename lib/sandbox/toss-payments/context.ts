import type { SandboxContext } from "@/lib/sandbox/shared/context";
import type { IdempotencyClaim } from "./idempotency";
import type { WebhookSettingsView as SettingsView } from "@/lib/sandbox/shared/webhook-settings";

/** What every operation of the Toss Payments sandbox gets from the handler. */
export type TossPaymentsContext = SandboxContext<SettingsView>;

/**
 * One API endpoint: the merchant's secret key, the path's parameter and the JSON body in, and
 * the Idempotency-Key the request holds (a POST that sent one; idempotency.ts).
 */
export type ApiOperation = (
  ctx: TossPaymentsContext,
  request: {
    secretKey: string;
    param: string;
    body: Record<string, unknown>;
    idempotency: IdempotencyClaim | null;
  },
) => Promise<ApiAnswer>;

/** An answer of the API: a JSON body, or none (DELETE answers an empty 200). */
export type ApiAnswer = { status: number; body: Record<string, unknown> | null };
