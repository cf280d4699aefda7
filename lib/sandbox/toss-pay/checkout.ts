import { redirect } from "@/lib/sandbox/shared/redirect";
import { and, eq } from "drizzle-orm";
import { stillOpen } from "@/lib/sandbox/shared/still-open";
import { methodAlreadyLinked } from "./billing-key-queries";
import { callbackPayload, enqueueCallback } from "./callbacks";
import type { CheckoutPlatform } from "./checkout-links";
import type { SandboxContext } from "./context";
import { BEHAVIORS, type Behavior, findInstrument } from "./instruments";
import { type BillingKeyRow, billingKeys } from "./schema";
import { checkoutPage, messagePage } from "./views/checkout-page";
import { htmlResponse } from "@/lib/sandbox/shared/html";

// The Toss app side of a billing key: the screen the checkout links open, and what approving
// or cancelling there does (docs/providers.md §1.4.1–§1.4.2).
//
// Approve → ACTIVE, the ACTIVATED callback is queued (delivered at once and retried), and the
// browser goes to returnSuccessUrl. Cancel → CANCEL and returnFailureUrl. No callback on
// failure: "실패한 경우는 전달하지 않습니다".
//
// The query parameters of the return URLs are documented only by name (status, userId,
// billingKey, errorCode) [unconfirmed]. The sandbox sends status=ACTIVE on success and
// status=CANCEL / FAIL with the error code otherwise, plus displayId when one was used. They
// come from the browser, so a merchant must confirm with /billing-key/status anyway.

export type CheckoutForm = {
  token: string;
  method?: string;
  behavior?: string;
  instrument?: string;
  platform?: string;
};

const FORM_PLATFORMS: ReadonlySet<string> = new Set(["android", "ios"]);

function platformOf(value: string | null | undefined): CheckoutPlatform {
  return value && FORM_PLATFORMS.has(value) ? (value as CheckoutPlatform) : "web";
}

async function findByToken(ctx: SandboxContext, token: string): Promise<BillingKeyRow | null> {
  if (!token) return null;
  const [row] = await ctx.db.select().from(billingKeys).where(eq(billingKeys.checkoutToken, token));
  return row ?? null;
}

function returnUrl(
  target: string,
  key: BillingKeyRow,
  outcome: { status: "ACTIVE" | "CANCEL" | "FAIL"; errorCode?: string },
): string {
  const url = new URL(target);
  url.searchParams.set("status", outcome.status);
  url.searchParams.set("userId", key.userId);
  if (key.displayId) url.searchParams.set("displayId", key.displayId);
  url.searchParams.set("billingKey", key.billingKey);
  if (outcome.errorCode) url.searchParams.set("errorCode", outcome.errorCode);
  return url.toString();
}

const isExpired = (key: BillingKeyRow, now: Date) => now.getTime() >= key.expiresAt.getTime();

function notFoundPage(ctx: SandboxContext): Response {
  return htmlResponse(
    messagePage({
      basePath: ctx.basePath,
      tone: "warn",
      title: "유효하지 않은 링크예요",
      description: "주소가 잘못되었거나 삭제된 요청이에요. 가맹점에서 다시 시작해 주세요.",
    }),
    404,
  );
}

/** The link's window passed. The key stays CREATE (see get-billing-key-status.ts). */
function expiredPage(ctx: SandboxContext, key: BillingKeyRow): Response {
  const back = key.returnFailureUrl
    ? returnUrl(key.returnFailureUrl, key, { status: "FAIL", errorCode: "BILLING_KEY_AUTH_ERROR" })
    : key.retAppScheme;
  return htmlResponse(
    messagePage({
      basePath: ctx.basePath,
      tone: "info",
      title: "인증 시간이 지났어요",
      description: "자동결제 등록 링크는 15분 동안만 쓸 수 있어요. 가맹점에서 다시 시작해 주세요.",
      code: "BILLING_KEY_AUTH_ERROR",
      action: back ? { href: back, label: "가맹점으로 돌아가기" } : undefined,
    }),
    410,
  );
}

/** A key that is no longer waiting for the customer. */
function handledPage(ctx: SandboxContext, key: BillingKeyRow): Response {
  const texts: Record<
    BillingKeyRow["status"],
    { title: string; description: string; tone: "ok" | "info" | "warn" }
  > = {
    ACTIVE: {
      tone: "ok",
      title: "이미 등록된 자동결제예요",
      description: "이 요청은 이미 처리되었어요. 가맹점 화면으로 돌아가 주세요.",
    },
    AUTH: {
      tone: "ok",
      title: "이미 인증된 요청이에요",
      description: "가맹점 화면으로 돌아가 주세요.",
    },
    CANCEL: {
      tone: "info",
      title: "등록을 취소한 요청이에요",
      description: "다시 등록하려면 가맹점에서 처음부터 시작해 주세요.",
    },
    REMOVE: {
      tone: "info",
      title: "해지된 자동결제예요",
      description: "다시 등록하려면 가맹점에서 처음부터 시작해 주세요.",
    },
    FAIL: {
      tone: "warn",
      title: "등록에 실패한 요청이에요",
      description: "가맹점에서 처음부터 다시 시작해 주세요.",
    },
    CREATE: { tone: "info", title: "등록을 기다리는 요청이에요", description: "" },
  };
  return htmlResponse(messagePage({ basePath: ctx.basePath, ...texts[key.status] }), 409);
}

function blockedPage(ctx: SandboxContext, key: BillingKeyRow): Response | null {
  if (key.status !== "CREATE") return handledPage(ctx, key);
  if (isExpired(key, ctx.now)) return expiredPage(ctx, key);
  return null;
}

function renderCheckout(
  ctx: SandboxContext,
  key: BillingKeyRow,
  platform: CheckoutPlatform,
  choice: { method?: string | undefined; behavior?: string | undefined },
  error?: { title: string; code: string },
  status = 200,
): Response {
  const behavior = (BEHAVIORS as readonly string[]).includes(choice.behavior ?? "")
    ? (choice.behavior as Behavior)
    : "normal";
  return htmlResponse(
    checkoutPage({
      basePath: ctx.basePath,
      token: key.checkoutToken,
      productDesc: key.productDesc,
      merchantName: ctx.merchantName,
      platform,
      expiresAt: key.expiresAt,
      now: ctx.now,
      selectedMethod: choice.method ?? "card:1",
      selectedBehavior: behavior,
      error,
      nonce: ctx.nonce,
    }),
    status,
  );
}

export async function showCheckout(ctx: SandboxContext, url: URL): Promise<Response> {
  const key = await findByToken(ctx, url.searchParams.get("token") ?? "");
  if (!key) return notFoundPage(ctx);
  const blocked = blockedPage(ctx, key);
  if (blocked) return blocked;
  return renderCheckout(ctx, key, platformOf(url.searchParams.get("platform")), {});
}

export async function approveCheckout(ctx: SandboxContext, form: CheckoutForm): Promise<Response> {
  const key = await findByToken(ctx, form.token);
  if (!key) return notFoundPage(ctx);
  const blocked = blockedPage(ctx, key);
  if (blocked) return blocked;

  const instrumentId = form.instrument ?? `${form.method ?? ""}:${form.behavior ?? "normal"}`;
  const instrument = findInstrument(instrumentId);
  if (!instrument || instrument.id.startsWith("doc:")) {
    return renderCheckout(
      ctx,
      key,
      platformOf(form.platform),
      form,
      {
        title: "이 결제수단은 등록할 수 없어요. 다른 결제수단을 골라 주세요.",
        code: "NOT_SUPPORTED_PAYMENT_METHOD",
      },
      400,
    );
  }
  if (await methodAlreadyLinked(ctx.db, key, instrument.id)) {
    return renderCheckout(
      ctx,
      key,
      platformOf(form.platform),
      form,
      {
        title:
          "이 결제수단은 이미 이 가맹점의 자동결제에 등록되어 있어요. 다른 결제수단을 골라 주세요.",
        code: "EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD",
      },
      409,
    );
  }

  const activated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingKeys)
      .set({
        status: "ACTIVE",
        instrumentId: instrument.id,
        activatedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(
        and(eq(billingKeys.billingKey, key.billingKey), stillOpen(billingKeys, "CREATE", ctx.now)),
      )
      .returning();
    if (row)
      await enqueueCallback(
        tx,
        row,
        callbackPayload("ACTIVATED", row, instrument, ctx.now),
        ctx.now,
      );
    return row ?? null;
  });
  if (!activated) {
    // Approved or cancelled in another tab meanwhile, or the window closed just now.
    const current = await findByToken(ctx, form.token);
    return current ? (blockedPage(ctx, current) ?? notFoundPage(ctx)) : notFoundPage(ctx);
  }
  // The callback races the browser's return, as it does at Toss; merchants must handle both
  // orders.
  ctx.runtime.kickDeliveries();

  if (activated.returnSuccessUrl) {
    return redirect(returnUrl(activated.returnSuccessUrl, activated, { status: "ACTIVE" }));
  }
  return htmlResponse(
    messagePage({
      basePath: ctx.basePath,
      tone: "ok",
      title: "자동결제를 등록했어요",
      description: `${instrument.label.replace(/ \(.*\)$/, "")}(으)로 결제돼요.`,
      action: activated.retAppScheme
        ? { href: activated.retAppScheme, label: "앱으로 돌아가기" }
        : undefined,
    }),
  );
}

export async function cancelCheckout(ctx: SandboxContext, form: CheckoutForm): Promise<Response> {
  const key = await findByToken(ctx, form.token);
  if (!key) return notFoundPage(ctx);
  if (key.status !== "CREATE") return handledPage(ctx, key);
  if (isExpired(key, ctx.now)) {
    return key.returnFailureUrl
      ? redirect(
          returnUrl(key.returnFailureUrl, key, {
            status: "FAIL",
            errorCode: "BILLING_KEY_AUTH_ERROR",
          }),
        )
      : expiredPage(ctx, key);
  }
  const [cancelled] = await ctx.db
    .update(billingKeys)
    .set({ status: "CANCEL", endReason: "BILLING_KEY_REGISTRATION_CANCELLED", updatedAt: ctx.now })
    .where(and(eq(billingKeys.billingKey, key.billingKey), eq(billingKeys.status, "CREATE")))
    .returning();
  if (!cancelled) {
    const current = await findByToken(ctx, form.token);
    return current ? handledPage(ctx, current) : notFoundPage(ctx);
  }
  if (cancelled.returnFailureUrl) {
    return redirect(
      returnUrl(cancelled.returnFailureUrl, cancelled, {
        status: "CANCEL",
        errorCode: "BILLING_KEY_REGISTRATION_CANCELLED",
      }),
    );
  }
  return htmlResponse(
    messagePage({
      basePath: ctx.basePath,
      tone: "info",
      title: "등록을 취소했어요",
      description: "자동결제가 등록되지 않았어요.",
      code: "BILLING_KEY_REGISTRATION_CANCELLED",
      action: cancelled.retAppScheme
        ? { href: cancelled.retAppScheme, label: "앱으로 돌아가기" }
        : undefined,
    }),
  );
}
