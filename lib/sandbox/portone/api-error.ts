import type { ToolsBrand } from "@/lib/sandbox/shared/tools-refusal";

// api.portone.io's error envelope (docs/providers.md §3.4): an HTTP status and
// `{ "type": "UPPER_SNAKE", "message": "…" }`; PG_PROVIDER adds `pgCode` and `pgMessage`.
// Operations throw a PortOneApiError; the handler turns it into that envelope. The official
// SDK wraps the body in its per-operation error class (PayWithBillingKeyError, …) by `type`.

const STATUS = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BILLING_KEY_NOT_FOUND: 404,
  PAYMENT_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALREADY_PAID: 409,
  BILLING_KEY_ALREADY_DELETED: 409,
  PAYMENT_NOT_PAID: 409,
  PAYMENT_ALREADY_CANCELLED: 409,
  CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: 409,
  CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: 409,
  CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT: 409,
  CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT: 409,
  SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT: 409,
  SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT: 409,
  // The status of an internal error is not documented [unconfirmed]: 500, as any server's.
  INTERNAL_SERVER_ERROR: 500,
  PG_PROVIDER: 502,
} as const;

export type ErrorType = keyof typeof STATUS;

const MESSAGES: Record<ErrorType, string> = {
  INVALID_REQUEST: "요청이 올바르지 않습니다.",
  UNAUTHORIZED: "인증 정보가 올바르지 않습니다.",
  FORBIDDEN: "요청이 거절되었습니다.",
  BILLING_KEY_NOT_FOUND: "빌링키가 존재하지 않습니다.",
  PAYMENT_NOT_FOUND: "결제 건이 존재하지 않습니다.",
  CHANNEL_NOT_FOUND: "요청된 채널이 존재하지 않습니다.",
  NOT_FOUND: "존재하지 않는 API입니다.",
  METHOD_NOT_ALLOWED: "허용되지 않은 HTTP 메서드입니다.",
  ALREADY_PAID: "결제가 이미 완료되었습니다.",
  BILLING_KEY_ALREADY_DELETED: "빌링키가 이미 삭제되었습니다.",
  PAYMENT_NOT_PAID: "결제가 완료되지 않았습니다.",
  PAYMENT_ALREADY_CANCELLED: "결제가 이미 취소되었습니다.",
  CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: "취소 가능 잔액 검증에 실패했습니다.",
  CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: "결제 취소 금액이 취소 가능 금액을 초과했습니다.",
  CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT:
    "취소 면세 금액이 취소 가능한 면세 금액을 초과했습니다.",
  CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT:
    "취소 과세 금액이 취소 가능한 과세 금액을 초과했습니다.",
  SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT:
    "면세 금액 등 하위 항목들의 합이 전체 결제 금액을 초과했습니다.",
  SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT:
    "면세 금액 등 하위 항목들의 합이 전체 취소 금액을 초과했습니다.",
  INTERNAL_SERVER_ERROR: "일시적인 오류가 발생했습니다. (샌드박스 장애 주입)",
  PG_PROVIDER: "PG사에서 오류가 발생했습니다.",
};

export class PortOneApiError extends Error {
  override name = "PortOneApiError";
  readonly type: ErrorType;
  readonly httpStatus: number;
  readonly pg: { pgCode: string; pgMessage: string } | undefined;

  /** `detail` replaces the default message (e.g. naming the field that broke a rule). */
  constructor(type: ErrorType, detail?: string, pg?: { pgCode: string; pgMessage: string }) {
    super(detail ?? MESSAGES[type]);
    this.type = type;
    this.httpStatus = STATUS[type];
    this.pg = pg;
  }

  body(): Record<string, string> {
    return { type: this.type, message: this.message, ...this.pg };
  }
}

export const invalidRequest = (detail: string) => new PortOneApiError("INVALID_REQUEST", detail);

/** A body that is not a JSON object. */
export const invalidJsonBody = () => invalidRequest("요청 본문은 JSON 객체여야 합니다.");

/** The developer tools' refusals (lib/sandbox/shared/tools-refusal.ts) in this envelope. */
export const PORTONE_TOOLS: ToolsBrand = {
  title: "포트원 샌드박스",
  errorBody: (code, message) => ({ type: code, message }),
};
