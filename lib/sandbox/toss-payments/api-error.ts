import type { ToolsBrand } from "@/lib/sandbox/shared/tools-refusal";

// api.tosspayments.com's error envelope (docs/providers.md §2.4): an HTTP status and
// `{ "code": "…", "message": "…" }`. Operations throw a TossPaymentsError built from the catalog
// below; the handler turns it into that envelope. The catalog is also what
// `TossPayments-Test-Code` may force (docs/providers.md §2.1).

type CatalogEntry = { status: number; message: string };

// Statuses and messages from the official error-code page as copied in docs/providers.md §2.4.
// REJECT_CARD_PAYMENT's status is not in the copied table [unconfirmed]: 403 like its siblings.
export const ERROR_CATALOG = {
  // Auth and configuration
  UNAUTHORIZED_KEY: { status: 401, message: "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다." },
  INVALID_API_KEY: { status: 400, message: "잘못된 시크릿키 연동 정보 입니다." },
  INCORRECT_BASIC_AUTH_FORMAT: {
    status: 400,
    message: "잘못된 요청입니다. ':' 를 포함해 인코딩해주세요.",
  },
  FORBIDDEN_REQUEST: { status: 403, message: "허용되지 않은 요청입니다." },
  INVALID_REQUEST: { status: 400, message: "잘못된 요청입니다." },
  INVALID_REQUIRED_PARAM: { status: 400, message: "필수 파라미터가 누락되었습니다." },
  INVALID_ORDER_ID: {
    status: 400,
    message:
      "orderId는 영문 대소문자, 숫자, 특수문자(-, _)만 허용합니다. 6자 이상 64자 이하여야 합니다.",
  },
  INVALID_ORDER_NAME: { status: 400, message: "주문명은 1자 이상 100자 이하여야 합니다." },
  INVALID_CUSTOMER_KEY: {
    status: 400,
    message:
      "customerKey는 영문 대소문자, 숫자, 특수문자(-, _, =, ., @)로 2자 이상 300자 이하여야 합니다.",
  },
  INVALID_EMAIL: { status: 400, message: "유효하지 않은 이메일 주소 형식입니다." },
  // The customer must register again
  NOT_FOUND_BILLING: { status: 404, message: "존재하지 않는 빌링 인증 정보입니다." },
  INVALID_BILL_KEY_REQUEST: {
    status: 400,
    message: "인증되지 않았거나 유효하지 않은 빌링키입니다.",
  },
  INVALID_BILLING_AUTH: { status: 400, message: "유효하지 않은 빌링 인증입니다." },
  NOT_MATCHES_CUSTOMER_KEY: {
    status: 400,
    message: "빌링 인증 고객키와 결제 요청 고객키가 일치하지 않습니다.",
  },
  INVALID_CARD_NUMBER: { status: 400, message: "카드번호를 다시 확인해주세요." },
  INVALID_CARD_EXPIRATION: { status: 400, message: "카드 정보를 다시 확인해주세요. (유효기간)" },
  INVALID_STOPPED_CARD: { status: 400, message: "정지된 카드 입니다." },
  INVALID_REJECT_CARD: {
    status: 400,
    message: "카드 사용이 거절되었습니다. 카드사 문의가 필요합니다.",
  },
  EXCEED_MAX_AUTH_COUNT: {
    status: 403,
    message: "최대 인증 횟수를 초과했습니다. 카드사로 문의해주세요.",
  },
  // Declined
  REJECT_CARD_COMPANY: { status: 403, message: "결제 승인이 거절되었습니다." },
  REJECT_CARD_PAYMENT: { status: 403, message: "한도초과 혹은 잔액부족으로 결제에 실패했습니다." },
  REJECT_ACCOUNT_PAYMENT: { status: 403, message: "잔액부족으로 결제에 실패했습니다." },
  EXCEED_MAX_AMOUNT: { status: 400, message: "거래금액 한도를 초과했습니다." },
  EXCEED_MAX_DAILY_PAYMENT_COUNT: { status: 400, message: "하루 결제 가능 횟수를 초과했습니다." },
  EXCEED_MAX_PAYMENT_AMOUNT: { status: 400, message: "하루 결제 가능 금액을 초과했습니다." },
  BELOW_MINIMUM_AMOUNT: {
    status: 400,
    message: "신용카드는 결제금액이 100원 이상, 계좌는 200원 이상부터 결제가 가능합니다.",
  },
  BELOW_ZERO_AMOUNT: { status: 400, message: "금액은 0보다 커야 합니다." },
  INVALID_CARD_INSTALLMENT_PLAN: { status: 400, message: "할부 개월 정보가 잘못되었습니다." },
  // Duplicates
  DUPLICATED_ORDER_ID: {
    status: 400,
    message: "이미 승인 및 취소가 진행된 중복된 주문번호 입니다.",
  },
  ALREADY_PROCESSED_PAYMENT: { status: 400, message: "이미 처리된 결제 입니다." },
  DUPLICATED_REQUEST: { status: 400, message: "중복된 요청입니다." },
  // Lookup and cancel
  NOT_FOUND_PAYMENT: { status: 404, message: "존재하지 않는 결제 정보 입니다." },
  ALREADY_CANCELED_PAYMENT: { status: 400, message: "이미 취소된 결제 입니다." },
  NOT_CANCELABLE_AMOUNT: { status: 403, message: "취소 할 수 없는 금액 입니다." },
  NOT_CANCELABLE_PAYMENT: { status: 403, message: "취소 할 수 없는 결제 입니다." },
  EXCEED_MAX_REFUND_DUE: { status: 400, message: "환불 가능한 기간이 지났습니다." },
  NOT_ALLOWED_PARTIAL_REFUND: { status: 400, message: "부분 환불이 불가능한 결제입니다." },
  FORBIDDEN_CONSECUTIVE_REQUEST: { status: 403, message: "반복적인 요청은 허용되지 않습니다." },
  FAILED_REFUND_PROCESS: {
    status: 500,
    message: "은행 응답시간 지연이나 일시적인 오류로 환불요청에 실패했습니다.",
  },
  // Transient
  FAILED_INTERNAL_SYSTEM_PROCESSING: {
    status: 500,
    message: "내부 시스템 처리 작업이 실패했습니다.",
  },
  FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING: {
    status: 500,
    message: "결제가 완료되지 않았어요. 다시 시도해주세요.",
  },
  FAILED_DB_PROCESSING: {
    status: 500,
    message: "잘못된 요청 값으로 처리 중 DB 에러가 발생했습니다.",
  },
  FAILED_BILL_KEY_AUTH_CREATION: { status: 500, message: "빌링키 인증 생성에 실패했습니다." },
  COMMON_ERROR: {
    status: 500,
    message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.",
  },
  UNKNOWN_ERROR: { status: 500, message: "알 수 없는 에러가 발생했습니다." },
  PROVIDER_ERROR: {
    status: 400,
    message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.",
  },
  // Idempotency (docs/providers.md §2.5)
  INVALID_IDEMPOTENCY_KEY: { status: 400, message: "멱등키는 300자 이하여야 합니다." },
  IDEMPOTENT_REQUEST_PROCESSING: {
    status: 409,
    message: "이전 멱등 요청이 처리 중입니다. 잠시 후 다시 시도해주세요.",
  },
  // Sandbox only: a different request under a used key (README "Idempotency").
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: "같은 멱등키로 다른 요청 본문을 보냈습니다. 새 요청에는 새 멱등키를 쓰세요.",
  },
  NOT_FOUND: { status: 404, message: "존재하지 않는 API 주소입니다." },
  METHOD_NOT_ALLOWED: { status: 405, message: "허용되지 않은 HTTP 메서드입니다." },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, value);
}

export class TossPaymentsError extends Error {
  override name = "TossPaymentsError";
  readonly httpStatus: number;
  readonly code: ErrorCode;

  /** `detail` replaces the catalog's message (e.g. naming the field that broke a rule). */
  constructor(code: ErrorCode, detail?: string) {
    super(detail ?? ERROR_CATALOG[code].message);
    this.code = code;
    this.httpStatus = ERROR_CATALOG[code].status;
  }

  body(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A body that is not a JSON object. */
export const invalidJsonBody = () =>
  new TossPaymentsError("INVALID_REQUEST", "요청 본문은 JSON 객체여야 합니다.");

/** The developer tools' refusals (lib/sandbox/shared/tools-refusal.ts) in this envelope. */
export const TOSS_PAYMENTS_TOOLS: ToolsBrand = {
  title: "토스페이먼츠 샌드박스",
  errorBody: (code, message) => ({ code, message }),
};
