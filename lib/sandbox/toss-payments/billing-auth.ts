import { and, eq } from "drizzle-orm";
import { stillOpen } from "@/lib/sandbox/shared/still-open";
import { callbackOriginsFor, isAllowedCallbackUrl } from "@/lib/sandbox/shared/callback-origins";
import { htmlResponse } from "@/lib/sandbox/shared/html";
import { redirect, withQuery } from "@/lib/sandbox/shared/redirect";
import type { TossPaymentsContext } from "./context";
import { newAuthKey, newWindowToken } from "./ids";
import { TEST_ACCOUNTS, cardInstrument, findInstrument } from "./instruments";
import { type AuthWindowRow, authWindows } from "./schema";
import { CUSTOMER_KEY } from "./validation";
import { billingAuthPage, windowMessagePage } from "./views/billing-auth-page";

// The billing-auth window (docs/providers.md §2.2, seed 002): what requestBillingAuth opens.
//
// POST {base}/billing-auth           the SDK's request (sdk-script.ts) → 303 to the window
// GET  {base}/billing-auth?token=…   the card form or the 퀵계좌이체 account picker
// POST {base}/billing-auth/approve   → 303 successUrl?customerKey=…&authKey=…
//                                      (or failUrl?code=PAY_PROCESS_ABORTED&message=… when the
//                                      test outcome "abort" or the abort test card is chosen)
// POST {base}/billing-auth/cancel    → 303 failUrl?code=PAY_PROCESS_CANCELED&message=…
//                                      (no orderId: seed 002)
//
// successUrl and failUrl must be on an allowed origin (shared/callback-origins.ts): the
// sandbox redirects browsers there with a live authKey, so it must not hand one to a stranger's
// site (deviation from Toss, which allows the URLs registered for the MID).

// The docs are silent on both lifetimes; these are the sandbox's choices. A window is open long
// enough to type a card number; an authKey only has to survive the redirect to the merchant's
// server, which exchanges it at once.
const WINDOW_LIFETIME_MS = 30 * 60 * 1000;
export const AUTH_KEY_LIFETIME_MS = 10 * 60 * 1000;

const CLIENT_KEY = /^test_g?ck_[A-Za-z0-9]{1,100}$/;
const CANCELED_MESSAGE = "사용자에 의해 결제가 취소되었습니다.";

function messageResponse(
  ctx: TossPaymentsContext,
  status: number,
  title: string,
  description: string,
  code?: string,
): Response {
  return htmlResponse(
    windowMessagePage({ basePath: ctx.basePath, title, description, code }),
    status,
  );
}

/** POST {base}/billing-auth: checks what the SDK sent and opens a window for it. */
export async function startBillingAuth(
  ctx: TossPaymentsContext,
  fields: Record<string, string>,
): Promise<Response> {
  const refuse = (code: string, description: string) =>
    messageResponse(ctx, 400, "결제창을 열 수 없어요", description, code);
  const { clientKey = "", customerKey = "", method = "", successUrl = "", failUrl = "" } = fields;
  if (!CLIENT_KEY.test(clientKey)) {
    return refuse(
      "UNAUTHORIZED_KEY",
      clientKey.startsWith("live_")
        ? "라이브 클라이언트 키는 샌드박스에서 쓸 수 없어요."
        : "클라이언트 키(test_ck_…)를 확인해 주세요.",
    );
  }
  if (
    customerKey.length < (CUSTOMER_KEY.min ?? 2) ||
    customerKey.length > CUSTOMER_KEY.max ||
    !CUSTOMER_KEY.pattern?.test(customerKey)
  ) {
    return refuse("INVALID_CUSTOMER_KEY", "customerKey를 확인해 주세요.");
  }
  if (method !== "CARD" && method !== "TRANSFER") {
    return refuse("INVALID_METHOD", "method는 CARD 또는 TRANSFER여야 해요.");
  }
  const origins = callbackOriginsFor(ctx.db);
  for (const [name, value] of [
    ["successUrl", successUrl],
    ["failUrl", failUrl],
  ] as const) {
    if (value.length > 2000 || !isAllowedCallbackUrl(value, origins)) {
      return refuse(
        name === "successUrl" ? "INVALID_SUCCESS_URL" : "INVALID_FAIL_URL",
        `${name}이 샌드박스가 허용하는 주소(${origins.join(", ")})가 아니에요.`,
      );
    }
  }
  const token = newWindowToken();
  await ctx.db.insert(authWindows).values({
    token,
    clientKey,
    customerKey,
    method,
    successUrl,
    failUrl,
    customerEmail: fields.customerEmail?.slice(0, 100) || null,
    customerName: fields.customerName?.slice(0, 100) || null,
    expiresAt: new Date(ctx.now.getTime() + WINDOW_LIFETIME_MS),
    createdAt: ctx.now,
  });
  return redirect(`${ctx.baseUrl}/billing-auth?token=${token}`);
}

async function findWindow(ctx: TossPaymentsContext, token: string): Promise<AuthWindowRow | null> {
  if (!token) return null;
  const [row] = await ctx.db.select().from(authWindows).where(eq(authWindows.token, token));
  return row ?? null;
}

/** The open window a form names, or the page saying why it cannot be used any more. */
async function openWindowOf(
  ctx: TossPaymentsContext,
  token: string,
): Promise<{ window: AuthWindowRow; closed: null } | { window: null; closed: Response }> {
  const window = await findWindow(ctx, token);
  const closed = closedWindow(ctx, window);
  return closed || !window ? { window: null, closed: closed! } : { window, closed: null };
}

/** The window cannot be used any more: why, as a page. */
function closedWindow(ctx: TossPaymentsContext, window: AuthWindowRow | null): Response | null {
  if (!window) {
    return messageResponse(
      ctx,
      404,
      "유효하지 않은 결제창이에요",
      "주소가 잘못되었어요. 가맹점에서 다시 시작해 주세요.",
    );
  }
  if (window.status !== "OPEN") {
    return messageResponse(
      ctx,
      409,
      "이미 끝난 결제창이에요",
      "가맹점 화면으로 돌아가 주세요.",
      window.status,
    );
  }
  return null;
}

const isExpired = (ctx: TossPaymentsContext, window: AuthWindowRow) =>
  window.expiresAt.getTime() <= ctx.now.getTime();

/** Ends an open window (the customer's answer); null when another tab ended it first. */
async function endWindow(
  ctx: TossPaymentsContext,
  window: AuthWindowRow,
  values: Partial<typeof authWindows.$inferInsert> & { status: AuthWindowRow["status"] },
): Promise<AuthWindowRow | null> {
  const [row] = await ctx.db
    .update(authWindows)
    .set(values)
    .where(and(eq(authWindows.id, window.id), stillOpen(authWindows, "OPEN", ctx.now)))
    .returning();
  return row ?? null;
}

async function abortWindow(
  ctx: TossPaymentsContext,
  window: AuthWindowRow,
  message: string,
): Promise<Response> {
  // An expired window cannot be updated any more; it is reported the same way.
  await endWindow(ctx, window, { status: "ABORTED" });
  return redirect(withQuery(window.failUrl, { code: "PAY_PROCESS_ABORTED", message }));
}

export async function showBillingAuth(ctx: TossPaymentsContext, url: URL): Promise<Response> {
  const { window, closed } = await openWindowOf(ctx, url.searchParams.get("token") ?? "");
  if (!window) return closed;
  if (isExpired(ctx, window)) {
    return messageResponse(
      ctx,
      410,
      "결제 시간이 지났어요",
      "가맹점에서 다시 시작해 주세요.",
      "PAY_PROCESS_ABORTED",
    );
  }
  return windowForm(ctx, window);
}

/** The window's form; after a refused answer (400), with what the customer entered and why. */
function windowForm(
  ctx: TossPaymentsContext,
  window: AuthWindowRow,
  refused?: { values: Record<string, string>; error: string },
): Response {
  return htmlResponse(
    billingAuthPage({
      basePath: ctx.basePath,
      token: window.token,
      method: window.method,
      customerName: window.customerName,
      ...refused,
    }),
    refused ? 400 : 200,
  );
}

/** A POST of the window's form: answered on the window its token names, while that is open. */
function windowAction(
  answer: (
    ctx: TossPaymentsContext,
    window: AuthWindowRow,
    fields: Record<string, string>,
  ) => Promise<Response>,
) {
  return async (ctx: TossPaymentsContext, fields: Record<string, string>): Promise<Response> => {
    const { window, closed } = await openWindowOf(ctx, fields.token ?? "");
    return window ? answer(ctx, window, fields) : closed;
  };
}

export const approveBillingAuth = windowAction(async (ctx, window, fields) => {
  if (isExpired(ctx, window)) return abortWindow(ctx, window, "결제 시간이 만료되었습니다.");

  const instrument =
    window.method === "CARD"
      ? cardInstrument(fields.issuerCode ?? "", fields.cardNumber ?? "")
      : TEST_ACCOUNTS.some((a) => a.id === fields.account)
        ? findInstrument(`account:${fields.account}`)
        : null;
  if (!instrument) {
    return windowForm(ctx, window, {
      values: fields,
      error:
        window.method === "CARD"
          ? "카드사와 15~16자리 카드 번호를 확인해 주세요."
          : "자동결제에 쓸 계좌를 골라 주세요.",
    });
  }
  if (fields.outcome === "abort" || instrument.behavior === "abort") {
    return abortWindow(ctx, window, "결제수단 인증에 실패했습니다. (샌드박스 테스트)");
  }

  const authKey = newAuthKey();
  const approved = await endWindow(ctx, window, {
    status: "APPROVED",
    instrumentId: instrument.id,
    cardType: instrument.kind === "card" ? (fields.cardType === "체크" ? "체크" : "신용") : null,
    ownerType: instrument.kind === "card" ? (fields.ownerType === "법인" ? "법인" : "개인") : null,
    authKey,
    authKeyExpiresAt: new Date(ctx.now.getTime() + AUTH_KEY_LIFETIME_MS),
  });
  if (!approved) {
    return (
      closedWindow(ctx, await findWindow(ctx, window.token)) ??
      abortWindow(ctx, window, "결제 시간이 만료되었습니다.")
    );
  }
  return redirect(withQuery(window.successUrl, { customerKey: window.customerKey, authKey }));
});

export const cancelBillingAuth = windowAction(async (ctx, window) => {
  await endWindow(ctx, window, { status: "CANCELED" });
  return redirect(
    withQuery(window.failUrl, { code: "PAY_PROCESS_CANCELED", message: CANCELED_MESSAGE }),
  );
});
