import type { ToolsBrand } from "@/lib/sandbox/shared/tools-refusal";

// The error envelope of pay.toss.im (docs/providers.md §1.1): `code: -1` with `errorCode` (≤40) and
// `msg` (≤120). Operations throw a SandboxApiError; the handler turns it into that envelope.

const MSG_MAX_LENGTH = 120;

export class SandboxApiError extends Error {
  override name = "SandboxApiError";
  readonly httpStatus: number;
  readonly errorCode: string;
  // Extra fields some endpoints add to a failure (bill echoes `mode` and `orderNo`).
  readonly extra: Record<string, unknown>;

  constructor(
    httpStatus: number,
    errorCode: string,
    msg: string,
    extra: Record<string, unknown> = {},
  ) {
    super(msg.length > MSG_MAX_LENGTH ? `${msg.slice(0, MSG_MAX_LENGTH - 1)}…` : msg);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.extra = extra;
  }

  body(): Record<string, unknown> {
    return { code: -1, ...this.extra, errorCode: this.errorCode, msg: this.message };
  }
}

/** 400 COMMON_INVALID_PARAMETER: a field broke a documented rule. */
export function invalidParameter(msg: string): SandboxApiError {
  return new SandboxApiError(400, "COMMON_INVALID_PARAMETER", msg);
}

/** The developer tools' refusals (lib/sandbox/shared/tools-refusal.ts) in this envelope. */
export const TOSS_PAY_TOOLS: ToolsBrand = {
  title: "토스페이 샌드박스",
  errorBody: (errorCode, msg) => ({ code: -1, errorCode, msg }),
};

/** A body that is not a JSON object. */
export const invalidJsonBody = () =>
  invalidParameter("요청 본문은 JSON 객체여야 합니다. (Content-Type: application/json)");

export { jsonResponse } from "@/lib/sandbox/shared/json-response";
