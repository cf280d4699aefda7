// One error type for the whole app (docs/style.md habit 6). `message` is for logs and merchants;
// `userMessage` is safe to show a customer, in Korean. Route handlers and actions translate an
// AppError with `toHttpStatus` / `userMessageOf`; anything else is masked as a 500.

export type AppErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "provider_error"
  | "config_error"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  provider_error: 502,
  config_error: 500,
  internal: 500,
};

const DEFAULT_USER_MESSAGE: Record<AppErrorCode, string> = {
  bad_request: "입력한 내용을 다시 확인해 주세요.",
  unauthenticated: "로그인이 필요해요.",
  forbidden: "이 페이지에 접근할 권한이 없어요.",
  not_found: "요청한 내용을 찾을 수 없어요.",
  conflict: "이미 처리된 요청이에요. 화면을 새로고침해 주세요.",
  rate_limited: "요청이 너무 많아요. 잠시 후 다시 시도해 주세요.",
  provider_error: "결제사와 통신 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
  config_error: "서비스 설정에 문제가 있어요. 고객센터로 문의해 주세요.",
  internal: "일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.",
};

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { userMessage?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGE[code];
    this.details = options.details;
  }
}

export function toHttpStatus(error: unknown): number {
  return error instanceof AppError ? STATUS[error.code] : 500;
}

export function userMessageOf(error: unknown): string {
  return error instanceof AppError ? error.userMessage : DEFAULT_USER_MESSAGE.internal;
}

/** JSON body for an API error: precise for AppErrors, masked for everything else. */
export function toErrorBody(error: unknown): { error: { code: AppErrorCode; message: string } } {
  if (error instanceof AppError) return { error: { code: error.code, message: error.message } };
  return { error: { code: "internal", message: "Internal error" } };
}
