import { z } from "zod";
import { SandboxApiError, invalidParameter } from "./api-error";

// Request rules of docs/providers.md §1.2 and §1.4, with a precise Korean `msg` naming the field, as
// a merchant would want it when a request is refused with 400 COMMON_INVALID_PARAMETER.
// Unknown fields are ignored (Toss adds fields; clients may send extras). JSON null in an
// optional field means "not sent".

// userId, displayId, orderNo: letters, digits and `_ - : . ^ @ =`. The docs' status example
// shows a Korean displayId ("테스트777") although the field rule forbids it; the sandbox follows
// the rule, the safe reading: what passes here also passes at Toss.
const TOSS_ID = /^[A-Za-z0-9_\-:.^@=]+$/;
const TOSS_ID_CHARS = "영문, 숫자와 특수문자 _ - : . ^ @ =";

// tossdev's refund `reason` rule (docs-pay only says "special characters allowed"; the stricter
// one is the safe reading). Spaces are allowed: the docs' own reasons contain them.
const REFUND_REASON = /^[\p{Script=Hangul}A-Za-z0-9 _\-:.^@()[\]#/!%?&]*$/u;

// Money: JSON numbers only ("금액과 관련된 모든 필드는 Number 형태로"). The documented "Max
// Length 7" is read as ≤ ₩9,999,999; docs-pay's newer, higher limit depends on the merchant's
// contract, so the sandbox keeps the limit every merchant has.
export const MAX_AMOUNT = 9_999_999;

// `mustBe` is the whole predicate ("문자열이어야", "JSON 숫자(Number)여야"): the particle depends
// on the word before it.
const requiredOrType = (mustBe: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? "필수 항목입니다." : `${mustBe} 합니다.`;

function text(max: number) {
  return z
    .string({ error: requiredOrType("문자열이어야") })
    .min(1, "빈 문자열은 보낼 수 없습니다.")
    .max(max, `최대 ${max}자까지 보낼 수 있습니다.`);
}

function tossId(max: number) {
  return text(max).regex(TOSS_ID, `${TOSS_ID_CHARS}만 쓸 수 있습니다. (최대 ${max}자)`);
}

function money(min: number) {
  return z
    .number({ error: requiredOrType("JSON 숫자(Number)여야") })
    .int("정수여야 합니다.")
    .min(min, `${min.toLocaleString("ko-KR")} 이상이어야 합니다.`)
    .max(MAX_AMOUNT, `최대 ${MAX_AMOUNT.toLocaleString("ko-KR")}원까지 보낼 수 있습니다.`);
}

function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost") || /^127\./.test(hostname);
}

function httpUrl(max: number, options: { standardPortsOnly: boolean }) {
  return text(max).superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "http(s):// 로 시작하는 절대 URL이어야 합니다." });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "http(s):// 로 시작하는 절대 URL이어야 합니다." });
      return;
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "URL에 사용자 정보(user:pass@)를 넣을 수 없습니다.",
      });
      return;
    }
    // Toss accepts callbacks only on ports 80/443 (docs/providers.md §1.4.1). Deviation: a loopback
    // host may use any port, so `http://localhost:3000/...` works for local development; such a
    // URL could never be reached by the real Toss anyway. Which hosts the sandbox delivers to
    // at all is a separate, stricter rule (callback-origins.ts, checked in createBillingKey).
    if (options.standardPortsOnly && url.port !== "" && !isLoopback(url.hostname)) {
      ctx.addIssue({
        code: "custom",
        message: `포트는 80, 443만 쓸 수 있습니다. (받은 포트: ${url.port})`,
      });
    }
  });
}

export const createBillingKeyRequest = z
  .object({
    userId: tossId(50),
    displayId: optional(tossId(50)),
    productDesc: text(255),
    resultCallback: httpUrl(500, { standardPortsOnly: true }),
    retAppScheme: optional(
      text(1500)
        .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "앱 스킴 형식(예: testshop://)이어야 합니다.")
        // The completion screen links to it, on the app's own origin when mounted in Next.
        .refine((v) => !/^(javascript|data|vbscript|file):/i.test(v), "쓸 수 없는 스킴입니다."),
    ),
    returnSuccessUrl: optional(httpUrl(1500, { standardPortsOnly: false })),
    returnFailureUrl: optional(httpUrl(1500, { standardPortsOnly: false })),
    encryptedUserCi: optional(text(255)),
  })
  .superRefine((v, ctx) => {
    // "required if there is no retAppScheme", for each of the two.
    if (v.retAppScheme) return;
    for (const field of ["returnSuccessUrl", "returnFailureUrl"] as const) {
      if (!v[field]) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "retAppScheme이 없으면 필수 항목입니다.",
        });
      }
    }
  });

export const billingKeyStatusRequest = z.object({
  userId: tossId(50),
  displayId: optional(tossId(50)),
});

export const removeBillingKeyRequest = z.object({
  billingKey: text(50),
});

export const billRequest = z.object({
  billingKey: text(50),
  orderNo: tossId(50),
  productDesc: text(255),
  amount: money(1),
  amountTaxFree: money(0),
  amountTaxable: optional(money(0)),
  amountVat: optional(money(0)),
  amountServiceFee: optional(money(0)),
  spreadOut: optional(
    z
      .number({ error: requiredOrType("JSON 숫자(Number)여야") })
      .int("정수여야 합니다.")
      .min(0, "0(일시불)부터 12개월까지 보낼 수 있습니다.")
      .max(12, "0(일시불)부터 12개월까지 보낼 수 있습니다."),
  ),
  // "반드시 true 또는 false … null과 같은 비정상 값은 false로 처리" (docs-pay bill).
  cashReceipt: optional(z.boolean({ error: "true 또는 false여야 합니다." })),
  cashReceiptTradeOption: optional(
    z.enum(["GENERAL", "CULTURE", "PUBLIC_TP"], {
      error: "GENERAL, CULTURE, PUBLIC_TP 중 하나여야 합니다.",
    }),
  ),
  sendFailPush: optional(z.boolean({ error: "true 또는 false여야 합니다." })),
});

export const refundRequest = z.object({
  payToken: text(30),
  // Required and unique per merchant (docs-pay, the newer source; tossdev had it optional).
  // Same charset as orderNo: the docs give none, and this one passes wherever ids are checked.
  refundNo: tossId(36),
  idempotent: optional(z.boolean({ error: "true 또는 false여야 합니다." })),
  reason: optional(
    z
      .string({ error: requiredOrType("문자열이어야") })
      .max(255, "최대 255자까지 보낼 수 있습니다.")
      .regex(
        REFUND_REASON,
        "한글, 영문, 숫자와 특수문자 _ - : . ^ @ ( ) [ ] # / ! % ? & 만 쓸 수 있습니다.",
      ),
  ),
  amount: optional(money(1)),
  amountTaxFree: optional(money(0)),
  amountTaxable: optional(money(0)),
  amountVat: optional(money(0)),
  amountServiceFee: optional(money(0)),
});

export const paymentStatusRequest = z
  .object({
    payToken: optional(text(30)),
    orderNo: optional(tossId(50)),
  })
  .superRefine((v, ctx) => {
    if (!v.payToken && !v.orderNo) {
      ctx.addIssue({
        code: "custom",
        path: ["payToken"],
        message: "payToken 또는 orderNo 중 하나는 필수입니다.",
      });
    }
  });

/** Parses a request body, or throws 400 COMMON_INVALID_PARAMETER naming the first bad field. */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".");
  throw invalidParameter(
    field ? `${field}: ${issue?.message}` : (issue?.message ?? "잘못된 요청입니다."),
  );
}

const API_KEY_MAX_LENGTH = 30;

/**
 * Any `sk_test_…` key is a merchant here (including the public documentation key); a live key
 * or anything else is refused as Toss refuses a bad key: 401 COMMON_INVALID_API_KEY.
 */
export function requireTestApiKey(body: Record<string, unknown>): string {
  const apiKey = body.apiKey;
  if (typeof apiKey !== "string" || apiKey === "") {
    throw new SandboxApiError(
      401,
      "COMMON_INVALID_API_KEY",
      "apiKey가 없습니다. 요청 본문에 apiKey를 보내 주세요.",
    );
  }
  if (apiKey.startsWith("sk_live_")) {
    throw new SandboxApiError(
      401,
      "COMMON_INVALID_API_KEY",
      "샌드박스는 테스트 키(sk_test_…)만 받습니다. 라이브 키는 https://pay.toss.im 에만 보내세요.",
    );
  }
  if (!/^sk_test_[A-Za-z0-9]+$/.test(apiKey) || apiKey.length > API_KEY_MAX_LENGTH) {
    throw new SandboxApiError(
      401,
      "COMMON_INVALID_API_KEY",
      "유효하지 않은 apiKey입니다. (sk_test_로 시작하는 30자 이내의 키)",
    );
  }
  return apiKey;
}
