import { z } from "zod";
import { redact } from "./redact";
import type { Failure, FailureOutcome, RawResponse } from "./types";

// What every provider's HTTP client shares: the two answers that are not the provider speaking
// (the request never left; no usable answer came back), reading a capped body, and the
// failures the engine records for them. A provider folder adds its own "ok" and "error" kinds.

/** The request may or may not have been processed: never read this as a failure. */
export type Unreachable = {
  kind: "unreachable";
  reason: "timeout" | "network" | "server_error" | "invalid_response";
  httpStatus: number | null;
  detail: string;
  raw: unknown;
};

/** Our request broke a documented rule; nothing was sent. */
export type InvalidRequest = { kind: "invalid_request"; issues: string };

/**
 * Every answer of a JSON-over-HTTP provider client (Toss Pay, Toss Payments): the documented
 * body, the provider's own error (its fields named as that provider names them), or one of
 * the two answers that are not the provider speaking. The provider reads the status and raw
 * body of both of its own kinds.
 */
export type HttpAnswer<T, ProviderError> =
  | { kind: "ok"; body: T; httpStatus: number; raw: unknown }
  | ({ kind: "error"; httpStatus: number; raw: unknown } & ProviderError)
  | Unreachable
  | InvalidRequest;

/** The answer of a provider whose body was longer than its client accepts. */
export function oversizeAnswer(httpStatus: number, maxBytes: number): Unreachable {
  return {
    kind: "unreachable",
    reason: "invalid_response",
    httpStatus,
    detail: `HTTP ${httpStatus} with a body over ${maxBytes} bytes`,
    raw: null,
  };
}

/** A provider call as the merchant reads it: "Toss Pay", "bill (/api/v1/billing-key/bill)". */
export type VerbLabel = { provider: string; name: string; unknownMessage: string };

/** One verb of a provider's table: its endpoint for merchants, its `unknown` for customers. */
export type Verb = Omit<VerbLabel, "provider">;

/**
 * What a customer reads when a call's outcome is unknown, by what was asked. The same for
 * every provider: the engine settles each the same way (look it up, never assume).
 */
export const UNKNOWN_MESSAGES = {
  registration: "등록 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  charge: "결제 결과를 확인하고 있어요. 확인되는 대로 알려 드릴게요.",
  refund: "환불 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  method: "결제수단 정보를 확인하지 못했어요. 잠시 후 다시 확인해 주세요.",
  removal: "결제수단 삭제 결과를 확인하지 못했어요. 잠시 후 다시 시도해 주세요.",
} as const;

/** A browser registration that cannot be completed: the customer starts over. */
export const REGISTER_AGAIN = "결제수단 등록이 완료되지 않았어요. 처음부터 다시 등록해 주세요.";

export const CONFIG_MESSAGE = "결제 설정에 문제가 있어요. 고객센터로 문의해 주세요.";

export function fail(
  outcome: FailureOutcome,
  code: string,
  merchantMessage: string,
  customerMessage: string,
  raw: RawResponse,
): Failure {
  return { outcome, code, merchantMessage, customerMessage, raw };
}

const TRANSPORT_CODES: Record<Unreachable["reason"], string> = {
  timeout: "TIMEOUT",
  network: "NETWORK_ERROR",
  server_error: "HTTP_5XX",
  invalid_response: "INVALID_RESPONSE",
};

/** No usable answer: `unknown`, with what happened kept (secrets masked) for the admin. */
export function unreachableFailure(
  answer: Unreachable,
  verb: VerbLabel,
  secrets: ReadonlyArray<string | null | undefined> = [],
): Failure {
  const code =
    answer.reason === "server_error" ? `HTTP_${answer.httpStatus}` : TRANSPORT_CODES[answer.reason];
  return fail(
    "unknown",
    code,
    `${verb.provider} ${verb.name}: ${answer.detail}; the outcome is unknown.`,
    verb.unknownMessage,
    redact(
      {
        transportError: answer.reason,
        httpStatus: answer.httpStatus,
        detail: answer.detail,
        body: answer.raw,
      },
      secrets,
    ),
  );
}

/**
 * What the customer reads for a provider's error: our configuration's fault in general words
 * unless the table knows the code, the verb's "checking" message when the outcome is unknown,
 * else the table's message for the code.
 */
export function errorCustomerMessage(
  category: FailureOutcome,
  rule: { customerMessage: string },
  known: boolean,
  unknownMessage: string,
): string {
  if (category === "config_error") return known ? rule.customerMessage : CONFIG_MESSAGE;
  return category === "unknown" ? unknownMessage : rule.customerMessage;
}

export function notSentFailure(verb: VerbLabel, issues: string): Failure {
  return fail(
    "config_error",
    "INVALID_REQUEST",
    `${verb.provider} ${verb.name} not sent, the request is invalid: ${issues}`,
    CONFIG_MESSAGE,
    { notSent: true, issues },
  );
}

/**
 * The body of a request or response as UTF-8 text, or null once it is larger than `maxBytes`.
 * The stream is read with a running count and abandoned as soon as it goes over:
 * Content-Length is only a shortcut for refusing early, since a chunked body has none and a
 * sender may lie.
 */
export async function readLimitedBody(
  message: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  maxBytes: number,
): Promise<string | null> {
  const declared = Number(message.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel().catch(() => {});
    return null;
  }
  if (!message.body) return "";
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return "network error";
  // undici puts the interesting part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

/** "field: message; field: message" for merchants and logs. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join(".");
      // Our messages already start with the field name.
      return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

// Request fields every provider checks the same way, with messages naming the field.

export function requiredText(field: string, max: number) {
  return z
    .string(`${field} must be a string`)
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);
}

/** Money goes to providers as a JSON integer of won, never a string. */
export function wonField(field: string, { min, max }: { min: number; max: number }) {
  return z
    .number(`${field} must be a number of won`)
    .int(`${field} must be an integer number of won`)
    .min(min, `${field} must be at least ₩${min.toLocaleString("en-US")}`)
    .max(max, `${field} must be at most ₩${max.toLocaleString("en-US")}`);
}
