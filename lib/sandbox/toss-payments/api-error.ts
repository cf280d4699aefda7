import type { ToolsBrand } from "@/lib/sandbox/shared/tools-refusal";
import errorCatalog from "./error-catalog.json";

// api.tosspayments.com's error envelope (docs/providers.md §2.4): an HTTP status and
// `{ "code": "…", "message": "…" }`. Operations throw a TossPaymentsError built from the catalog
// (error-catalog.json); the handler turns it into that envelope. The catalog is also what
// `TossPayments-Test-Code` may force (docs/providers.md §2.1).

type CatalogEntry = { status: number; message: string };

// error-catalog.json: every code with its HTTP status and message, copied from the official
// error-code page as in docs/providers.md §2.4 (plus the idempotency codes of §2.5, and
// IDEMPOTENCY_KEY_REUSED, NOT_FOUND and METHOD_NOT_ALLOWED that only this sandbox answers; see
// its README "Idempotency-Key"). It is reference data, so it is kept as data.
// REJECT_CARD_PAYMENT's status is not in the copied table [unconfirmed]: 403 like its siblings.
export const ERROR_CATALOG = errorCatalog satisfies Record<string, CatalogEntry>;

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
