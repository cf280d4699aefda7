import type { z } from "zod";
import { describeNetworkError, oversizeAnswer, parseJson, type HttpAnswer } from "../http-answer";
import { exchange } from "../provider-exchange";
import { TOSS_PAY_HOSTS } from "./config";
import {
  billingKeyStatusRequest,
  billingKeyStatusResponse,
  billRequest,
  billResponse,
  createBillingKeyRequest,
  createBillingKeyResponse,
  describeIssues,
  envelope,
  paymentStatusRequest,
  paymentStatusResponse,
  refundRequest,
  refundResponse,
  removeBillingKeyRequest,
  removeBillingKeyResponse,
  type BillingKeyStatusRequest,
  type BillRequest,
  type CreateBillingKeyRequest,
  type PaymentStatusRequest,
  type RefundRequest,
  type RemoveBillingKeyRequest,
} from "./schemas";

// The HTTP client for pay.toss.im (docs/providers.md §1.4): every call is a POST of JSON with the
// apiKey inside the body, answered with { code: 0 | -1, errorCode?, msg?, … }. It never throws
// for anything the outside world does; every answer is one of four kinds, and the provider maps
// them to docs/billing.md's categories.

/** Toss allows 10 s for a Toss Money top-up; time out a little later (§1.7, FAQ-3), so Toss
 * never approves a payment we have already given up on. */
export const DEFAULT_TIMEOUT_MS = 15_000;

// Toss Pay's answers are a few hundred bytes; anything this long is not one of them.
export const MAX_RESPONSE_BYTES = 256 * 1024;

export type TossPayClientOptions = {
  apiKey: string;
  baseUrl: string; // https://pay.toss.im, or the sandbox's {APP_URL}/sandbox/toss-pay
  timeoutMs?: number;
};

// "ok": code 0 and the documented fields are there. "error": code -1 (or another non-zero
// code) with an HTTP status below 500.
export type TossPayAnswer<T> = HttpAnswer<T, { errorCode: string | null; msg: string | null }>;

export type TossPayClient = {
  createBillingKey: (
    request: Omit<CreateBillingKeyRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof createBillingKeyResponse>>>;
  billingKeyStatus: (
    request: Omit<BillingKeyStatusRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof billingKeyStatusResponse>>>;
  removeBillingKey: (
    request: Omit<RemoveBillingKeyRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof removeBillingKeyResponse>>>;
  bill: (
    request: Omit<BillRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof billResponse>>>;
  refund: (
    request: Omit<RefundRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof refundResponse>>>;
  paymentStatus: (
    request: Omit<PaymentStatusRequest, "apiKey">,
  ) => Promise<TossPayAnswer<z.output<typeof paymentStatusResponse>>>;
};

export function createTossPayClient(options: TossPayClientOptions): TossPayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const talksToRealToss = TOSS_PAY_HOSTS.has(new URL(baseUrl).hostname);

  async function call<Req extends z.ZodType, Res extends z.ZodType>(
    path: string,
    requestSchema: Req,
    responseSchema: Res,
    request: Record<string, unknown>,
  ): Promise<TossPayAnswer<z.output<Res>>> {
    const parsed = requestSchema.safeParse({
      apiKey: options.apiKey,
      ...withoutUndefined(request),
    });
    if (!parsed.success) return { kind: "invalid_request", issues: describeIssues(parsed.error) };
    return send(`${baseUrl}${path}`, parsed.data, responseSchema, timeoutMs);
  }

  return {
    createBillingKey: async (request) => {
      const port = safeUrl(request.resultCallback)?.port ?? "";
      // Toss calls back only on ports 80/443 (§1.4.1); the sandbox can reach the dev server.
      if (talksToRealToss && port !== "" && port !== "80" && port !== "443") {
        return {
          kind: "invalid_request",
          issues: `resultCallback must use port 80 or 443 (Toss calls no other port); got port ${port}`,
        };
      }
      return call(
        "/api/v1/billing-key",
        createBillingKeyRequest,
        createBillingKeyResponse,
        request,
      );
    },
    billingKeyStatus: (request) =>
      call(
        "/api/v1/billing-key/status",
        billingKeyStatusRequest,
        billingKeyStatusResponse,
        request,
      ),
    removeBillingKey: (request) =>
      call(
        "/api/v1/billing-key/remove",
        removeBillingKeyRequest,
        removeBillingKeyResponse,
        request,
      ),
    bill: (request) => call("/api/v1/billing-key/bill", billRequest, billResponse, request),
    refund: (request) => call("/api/v2/refunds", refundRequest, refundResponse, request),
    paymentStatus: (request) =>
      call("/api/v2/status", paymentStatusRequest, paymentStatusResponse, request),
  };
}

async function send<Res extends z.ZodType>(
  url: string,
  body: unknown,
  responseSchema: Res,
  timeoutMs: number,
): Promise<TossPayAnswer<z.output<Res>>> {
  let status: number;
  let text: string | null;
  try {
    // One deadline for the whole exchange: a server that sends headers and then stalls the body
    // times out too.
    ({ status, text } = await exchange(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
      body: JSON.stringify(body),
      timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    }));
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const detail = timedOut
      ? `no complete answer within ${timeoutMs} ms`
      : describeNetworkError(error);
    return {
      kind: "unreachable",
      reason: timedOut ? "timeout" : "network",
      httpStatus: null,
      detail,
      raw: null,
    };
  }

  if (text === null) return oversizeAnswer(status, MAX_RESPONSE_BYTES);
  const json = parseJson(text);
  if (status >= 500) {
    return {
      kind: "unreachable",
      reason: "server_error",
      httpStatus: status,
      detail: `HTTP ${status} from Toss Pay`,
      raw: json ?? { body: text.slice(0, 500) },
    };
  }
  if (json === undefined) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: status,
      detail: `HTTP ${status} with a body that is not JSON`,
      raw: { body: text.slice(0, 500) },
    };
  }

  const head = envelope.safeParse(json);
  if (!head.success) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: status,
      detail: `HTTP ${status} without the Toss Pay envelope (code 0/-1)`,
      raw: json,
    };
  }
  if (head.data.code !== 0) {
    return {
      kind: "error",
      errorCode: head.data.errorCode ?? null,
      msg: head.data.msg ?? null,
      httpStatus: status,
      raw: json,
    };
  }
  if (status < 200 || status > 299) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: status,
      detail: `HTTP ${status} with code 0`,
      raw: json,
    };
  }

  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: status,
      detail: `code 0 but the answer does not match the documented shape: ${describeIssues(parsed.error)}`,
      raw: json,
    };
  }
  return { kind: "ok", body: parsed.data, httpStatus: status, raw: json };
}

function safeUrl(value: string | undefined): URL | undefined {
  try {
    return value ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
