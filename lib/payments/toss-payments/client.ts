import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  describeIssues,
  describeNetworkError,
  oversizeAnswer,
  parseJson,
  type HttpAnswer,
} from "../http-answer";
import { exchange } from "../provider-exchange";
import {
  billingResponse,
  cancelRequest,
  chargeRequest,
  emptyResponse,
  errorBody,
  issueBillingKeyRequest,
  paymentResponse,
  type CancelRequest,
  type ChargeRequest,
  type IssueBillingKeyRequest,
} from "./schemas";

// The HTTP client for api.tosspayments.com v1 billing (docs/providers.md §2.3): Basic auth with
// the secret key and a colon, JSON, `{ code, message }` errors with an HTTP status. It never
// throws for anything the outside world does; every answer is one of four kinds, and the
// provider maps them to docs/billing.md's categories.

/** [unconfirmed] Toss Payments documents no maximum latency for a billing charge; third-party
 * code reads up to 60 s (§2.7). 30 s: a timeout is `unknown` and the lookup or a resend under
 * the same Idempotency-Key settles it, so waiting longer buys nothing. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A Payment object is a few KB; anything far bigger is not Toss Payments talking. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

export type TossPaymentsClientOptions = {
  secretKey: string;
  baseUrl: string; // https://api.tosspayments.com, or the sandbox's {APP_URL}/sandbox/toss-payments
  timeoutMs?: number;
};

// "error": { code, message } with a status below 500.
export type TossPaymentsAnswer<T> = HttpAnswer<T, { code: string; message: string | null }>;

/**
 * Idempotency keys (§2.5): derived from what the request is about, so a resend of the same
 * attempt or refund replays the first answer instead of running again. Toss matches on key,
 * secret key, URL and method, not the body; each of ours names one charge, one refund or one
 * authKey for life.
 */
export const idempotencyKeys = {
  charge: (orderId: string) => `charge-${orderId}`,
  cancel: (refundNo: string) => `cancel-${refundNo}`,
  // The authKey is secret-ish and single use; its hash identifies it without repeating it.
  issue: (authKey: string) =>
    `issue-${createHash("sha256").update(authKey).digest("hex").slice(0, 48)}`,
};

type Answer<S extends z.ZodType> = Promise<TossPaymentsAnswer<z.output<S>>>;

export type TossPaymentsClient = {
  issueBillingKey: (request: IssueBillingKeyRequest) => Answer<typeof billingResponse>;
  charge: (billingKey: string, request: ChargeRequest) => Answer<typeof paymentResponse>;
  paymentByOrderId: (orderId: string) => Answer<typeof paymentResponse>;
  cancel: (
    paymentKey: string,
    refundNo: string,
    request: CancelRequest,
  ) => Answer<typeof paymentResponse>;
  deleteBillingKey: (billingKey: string) => Answer<typeof emptyResponse>;
};

type Call = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  body?: unknown;
  idempotencyKey?: string;
};

export function createTossPaymentsClient(options: TossPaymentsClientOptions): TossPaymentsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The trailing colon says "no password" (§2.1).
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`, "utf8").toString("base64")}`;

  function post<Req extends z.ZodType, Res extends z.ZodType>(
    path: string,
    requestSchema: Req,
    request: unknown,
    responseSchema: Res,
    idempotencyKey: string,
  ): Answer<Res> {
    const parsed = requestSchema.safeParse(withoutUndefined(request));
    if (!parsed.success) {
      return Promise.resolve({ kind: "invalid_request", issues: describeIssues(parsed.error) });
    }
    return send({ method: "POST", path, body: parsed.data, idempotencyKey }, responseSchema);
  }

  async function send<Res extends z.ZodType>(call: Call, responseSchema: Res): Answer<Res> {
    const headers: Record<string, string> = {
      authorization,
      accept: "application/json",
    };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (call.idempotencyKey) headers["idempotency-key"] = call.idempotencyKey;

    let status: number;
    let text: string | null;
    try {
      // One deadline for the whole exchange: a server that sends headers and then stalls the
      // body times out too.
      ({ status, text } = await exchange(`${baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      }));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      return {
        kind: "unreachable",
        reason: timedOut ? "timeout" : "network",
        httpStatus: null,
        detail: timedOut
          ? `no complete answer within ${timeoutMs} ms`
          : describeNetworkError(error),
        raw: null,
      };
    }
    return readAnswer(status, text, responseSchema);
  }

  const billingPath = (billingKey: string) => `/v1/billing/${encodeURIComponent(billingKey)}`;

  return {
    issueBillingKey: (request) =>
      post(
        "/v1/billing/authorizations/issue",
        issueBillingKeyRequest,
        request,
        billingResponse,
        idempotencyKeys.issue(request.authKey),
      ),
    charge: (billingKey, request) =>
      post(
        billingPath(billingKey),
        chargeRequest,
        request,
        paymentResponse,
        idempotencyKeys.charge(request.orderId),
      ),
    paymentByOrderId: (orderId) =>
      send(
        { method: "GET", path: `/v1/payments/orders/${encodeURIComponent(orderId)}` },
        paymentResponse,
      ),
    cancel: (paymentKey, refundNo, request) =>
      post(
        `/v1/payments/${encodeURIComponent(paymentKey)}/cancel`,
        cancelRequest,
        request,
        paymentResponse,
        idempotencyKeys.cancel(refundNo),
      ),
    deleteBillingKey: (billingKey) =>
      send({ method: "DELETE", path: billingPath(billingKey) }, emptyResponse),
  };
}

function readAnswer<Res extends z.ZodType>(
  status: number,
  text: string | null,
  responseSchema: Res,
): TossPaymentsAnswer<z.output<Res>> {
  if (text === null) return oversizeAnswer(status, MAX_RESPONSE_BYTES);
  // DELETE answers an empty 200 (§2.3.3).
  const json = text.trim() === "" && status < 300 ? {} : parseJson(text);
  if (status >= 500) {
    const error = errorBody.safeParse(json);
    return {
      kind: "unreachable",
      reason: "server_error",
      httpStatus: status,
      detail: `HTTP ${status} from Toss Payments${error.success ? ` (${error.data.code})` : ""}`,
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
  if (status < 200 || status > 299) {
    const error = errorBody.safeParse(json);
    if (!error.success) {
      return {
        kind: "unreachable",
        reason: "invalid_response",
        httpStatus: status,
        detail: `HTTP ${status} without a { code, message } body`,
        raw: json,
      };
    }
    return {
      kind: "error",
      code: error.data.code,
      message: error.data.message ?? null,
      httpStatus: status,
      raw: json,
    };
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: status,
      detail: `HTTP ${status} but the answer does not match the documented shape: ${describeIssues(parsed.error)}`,
      raw: json,
    };
  }
  return { kind: "ok", body: parsed.data, httpStatus: status, raw: json };
}

function withoutUndefined(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}
