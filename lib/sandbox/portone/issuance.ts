import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { callbackOriginsFor, isAllowedCallbackUrl } from "@/lib/sandbox/shared/callback-origins";
import type { MountedRequest } from "@/lib/sandbox/shared/context";
import { readFields } from "@/lib/sandbox/shared/form-fields";
import { htmlResponse } from "@/lib/sandbox/shared/html";
import { redirect, withQuery } from "@/lib/sandbox/shared/redirect";
import { stillOpen } from "@/lib/sandbox/shared/still-open";
import { invalidJsonBody } from "./api-error";
import { insertBillingKey } from "./billing-keys";
import type { PortOneContext } from "./context";
import { newIssuanceToken } from "./ids";
import { DEFAULT_INSTRUMENT_ID, findInstrument } from "./instruments";
import { messagePage } from "./receipt";
import { type IssuanceRow, issuances } from "./schema";
import { findStore, storeByChannel } from "./stores";
import { issuancePage, popupResultPage } from "./views/issuance-page";

// The issuance window (docs/providers.md §3.2): what requestIssueBillingKey opens
// (sdk-script.ts). It stands for PortOne's window plus the Toss app's approval screen: the
// customer sees the store, picks a test card / account / Toss Money and approves or cancels.
//
// GET  {base}/issuance/start?request=<JSON>&flow=popup|redirect&origin=…&requestId=…
//                                  checks the SDK's request, opens a window → 303 to it
// GET  {base}/issuance?token=…     the approval screen
// POST {base}/issuance/approve     token, instrument → key ISSUED, BillingKey.Issued queued
// POST {base}/issuance/cancel      token → no key
//
// The result, IssueBillingKeyResponse {transactionType: "ISSUE_BILLING_KEY", billingKey} or
// {…, code, message, pgCode?, pgMessage?}, goes back
// - popup flow: a page that posts {source: "portone-sandbox", requestId, response} to
//   window.opener (target origin = the opener's origin) and closes itself;
// - redirect flow: 303 to redirectUrl with those fields as the query string.
// Both targets must be on an allowed origin (shared/callback-origins.ts): the window hands out
// billing keys, so it never sends one to a stranger's site (a sandbox rule; PortOne allows any).
//
// Codes are the browser SDK's own (IssueBillingKeyErrorCode in @portone/browser-sdk 0.1.11):
// a malformed request → BadRequest, unknown store/channel → StoreNotFound / ChannelNotFound,
// the customer cancelling or Toss refusing → PGProviderError with Toss Pay's pgCode
// (BILLING_KEY_REGISTRATION_CANCELLED, BILLING_KEY_AUTH_ERROR; docs §1.5). Which code PortOne
// really answers for each case is [unconfirmed]; these are the sandbox's choices.

// The docs are silent on how long the window stays open; the sandbox's choice.
const WINDOW_LIFETIME_MS = 30 * 60 * 1000;

export type IssueResponse = {
  transactionType: "ISSUE_BILLING_KEY";
  billingKey?: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
};

const failure = (
  code: string,
  message: string,
  pg?: { pgCode: string; pgMessage: string },
): IssueResponse => ({ transactionType: "ISSUE_BILLING_KEY", code, message, ...pg });

export const CANCELLED: IssueResponse = failure(
  "PGProviderError",
  "사용자가 자동결제 등록을 취소했습니다.",
  { pgCode: "BILLING_KEY_REGISTRATION_CANCELLED", pgMessage: "자동결제 등록이 취소되었습니다." },
);

// What the SDK sends (IssueBillingKeyRequest, the fields the Toss Pay channel uses).
const issueRequest = z.object({
  storeId: z.string().min(1).max(200),
  channelKey: z.string().min(1).max(200).optional(),
  billingKeyMethod: z.string().optional(),
  issueId: z.string().max(200).optional(),
  issueName: z.string().max(200).optional(),
  customer: z
    .object({ customerId: z.string().max(100).optional() })
    .loose()
    .optional(),
  redirectUrl: z.string().max(2000).optional(),
  noticeUrls: z
    .array(z.url({ protocol: /^https?$/ }).max(2000))
    .max(5)
    .optional(),
  customData: z.unknown().optional(),
});

type Flow = {
  flow: "popup" | "redirect";
  redirectUrl: string | null;
  openerOrigin: string | null;
  requestId: string | null;
};

/** The browser SDK's Customer as the REST API's Customer (id is added with the key). */
function serverCustomer(given: Record<string, unknown>): Record<string, string> {
  const text = (name: string) => (typeof given[name] === "string" ? given[name] : "");
  const name = text("fullName") || `${text("lastName")}${text("firstName")}`;
  const out: Record<string, string> = {};
  if (name) out.name = name.slice(0, 100);
  if (text("email")) out.email = text("email").slice(0, 200);
  if (text("phoneNumber")) out.phoneNumber = text("phoneNumber").slice(0, 30);
  return out;
}

/** Sends the result back the way the SDK waits for it. */
function finish(ctx: PortOneContext, flow: Flow, response: IssueResponse): Response {
  if (flow.flow === "redirect" && flow.redirectUrl) {
    const params = Object.fromEntries(
      Object.entries(response).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    return redirect(withQuery(flow.redirectUrl, params));
  }
  return htmlResponse(
    popupResultPage({
      basePath: ctx.basePath,
      nonce: ctx.nonce,
      response,
      requestId: flow.requestId,
      openerOrigin: flow.openerOrigin,
    }),
  );
}

const flowOf = (row: IssuanceRow): Flow => ({
  flow: row.flow,
  redirectUrl: row.redirectUrl,
  openerOrigin: row.openerOrigin,
  requestId: row.requestId,
});

function refusePage(ctx: PortOneContext, description: string, status = 400): Response {
  return htmlResponse(
    messagePage(ctx, { title: "자동결제 등록 창을 열 수 없어요", description, tone: "warn" }),
    status,
  );
}

/** GET {base}/issuance/start: the SDK's request → a window, or the failure the SDK reports. */
async function startIssuance(ctx: PortOneContext, url: URL): Promise<Response> {
  const params = url.searchParams;
  const origins = callbackOriginsFor(ctx.db);
  let raw: unknown;
  try {
    raw = JSON.parse(params.get("request") ?? "");
  } catch {
    return refusePage(ctx, "요청을 읽을 수 없어요. 가맹점에서 다시 시작해 주세요.");
  }
  const parsed = issueRequest.safeParse(raw);
  const requested = parsed.success ? parsed.data : null;
  const flowName = params.get("flow") === "redirect" ? "redirect" : "popup";
  const flow: Flow = {
    flow: flowName,
    redirectUrl: requested?.redirectUrl ?? null,
    openerOrigin: params.get("origin"),
    requestId: params.get("requestId")?.slice(0, 100) ?? null,
  };
  // Where the answer goes must be known and allowed before anything is answered there.
  if (flow.flow === "redirect") {
    if (!flow.redirectUrl || !isAllowedCallbackUrl(flow.redirectUrl, origins)) {
      return refusePage(
        ctx,
        `redirectUrl이 샌드박스가 허용하는 주소(${origins.join(", ")})가 아니에요.`,
      );
    }
  } else if (!flow.openerOrigin || !isAllowedCallbackUrl(flow.openerOrigin, origins)) {
    return refusePage(
      ctx,
      `가맹점 주소가 샌드박스가 허용하는 곳(${origins.join(", ")})이 아니에요.`,
    );
  }
  if (!requested) {
    const issue = parsed.error?.issues[0];
    return finish(
      ctx,
      flow,
      failure(
        "BadRequest",
        `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "잘못된 요청입니다."}`,
      ),
    );
  }
  const store = await findStore(ctx.db, requested.storeId);
  if (!store) return finish(ctx, flow, failure("StoreNotFound", "상점을 찾을 수 없습니다."));
  // The sandbox's store has one Toss Pay channel; a request without channelKey uses it
  // (PortOne would pick by channelGroupId or the store's default, which is [unconfirmed]).
  const channelKey = requested.channelKey ?? store.channelKey;
  if (!(await storeByChannel(ctx.db, store.storeId, channelKey))) {
    return finish(ctx, flow, failure("ChannelNotFound", "채널을 찾을 수 없습니다."));
  }
  if (requested.billingKeyMethod !== "EASY_PAY") {
    return finish(
      ctx,
      flow,
      failure("BadRequest", "토스페이 채널은 billingKeyMethod로 EASY_PAY만 지원합니다."),
    );
  }
  const customerId = requested.customer?.customerId;
  if (!customerId) {
    return finish(
      ctx,
      flow,
      failure("BadRequest", "토스페이 빌링키 발급에는 customer.customerId가 필수입니다."),
    );
  }
  const token = newIssuanceToken();
  const customer = serverCustomer(requested.customer ?? {});
  await ctx.db.insert(issuances).values({
    token,
    storeId: store.storeId,
    channelKey,
    customerId,
    customer,
    issueId: requested.issueId ?? null,
    issueName: requested.issueName ?? null,
    customData:
      requested.customData === undefined
        ? null
        : typeof requested.customData === "string"
          ? requested.customData
          : JSON.stringify(requested.customData),
    noticeUrls: requested.noticeUrls ?? [],
    flow: flow.flow,
    redirectUrl: flow.redirectUrl,
    openerOrigin: flow.flow === "popup" ? new URL(flow.openerOrigin!).origin : null,
    requestId: flow.requestId,
    expiresAt: new Date(ctx.now.getTime() + WINDOW_LIFETIME_MS),
    createdAt: ctx.now,
  });
  return redirect(`${ctx.baseUrl}/issuance?token=${token}`);
}

async function openIssuance(
  ctx: PortOneContext,
  token: string,
): Promise<{ row: IssuanceRow; closed: null } | { row: null; closed: Response }> {
  const [row] = token
    ? await ctx.db.select().from(issuances).where(eq(issuances.token, token))
    : [];
  if (!row) {
    return {
      row: null,
      closed: refusePage(ctx, "주소가 잘못되었어요. 가맹점에서 다시 시작해 주세요.", 404),
    };
  }
  if (row.status !== "OPEN" || row.expiresAt.getTime() <= ctx.now.getTime()) {
    return {
      row: null,
      closed: htmlResponse(
        messagePage(ctx, {
          title: "이미 끝난 등록 창이에요",
          description: "가맹점 화면으로 돌아가 주세요.",
          code: row.status,
        }),
        409,
      ),
    };
  }
  return { row, closed: null };
}

async function showIssuance(ctx: PortOneContext, url: URL): Promise<Response> {
  const { row, closed } = await openIssuance(ctx, url.searchParams.get("token") ?? "");
  if (!row) return closed;
  const store = await findStore(ctx.db, row.storeId);
  return htmlResponse(
    issuancePage({
      basePath: ctx.basePath,
      token: row.token,
      storeName: store?.name ?? row.storeId,
      issueName: row.issueName,
      customerName: (row.customer as { name?: string }).name ?? null,
    }),
  );
}

/** Ends an open window; null when another tab (or expiry) ended it first. */
async function endIssuance(
  ctx: PortOneContext,
  executor: Pick<PortOneContext["db"], "update">,
  row: IssuanceRow,
  values: Partial<typeof issuances.$inferInsert> & { status: IssuanceRow["status"] },
): Promise<IssuanceRow | null> {
  const [ended] = await executor
    .update(issuances)
    .set(values)
    .where(and(eq(issuances.id, row.id), stillOpen(issuances, "OPEN", ctx.now)))
    .returning();
  return ended ?? null;
}

async function approveIssuance(ctx: PortOneContext, fields: Record<string, string>) {
  const { row, closed } = await openIssuance(ctx, fields.token ?? "");
  if (!row) return closed;
  const instrument = findInstrument(fields.instrument ?? DEFAULT_INSTRUMENT_ID);
  if (!instrument) return refusePage(ctx, "알 수 없는 결제수단이에요.");
  if (instrument.behavior === "issue_fail") {
    const ended = await endIssuance(ctx, ctx.db, row, { status: "FAILED" });
    if (!ended) return (await openIssuance(ctx, row.token)).closed!;
    return finish(
      ctx,
      flowOf(row),
      failure("PGProviderError", "토스페이 자동결제 등록에 실패했습니다.", {
        pgCode: "BILLING_KEY_AUTH_ERROR",
        pgMessage: "인증에 실패했습니다.",
      }),
    );
  }
  const store = await findStore(ctx.db, row.storeId);
  if (!store) return refusePage(ctx, "상점을 찾을 수 없어요.", 404);
  const { webhookUrl } = await ctx.runtime.settings();
  const key = await ctx.db.transaction(async (tx) => {
    const ended = await endIssuance(ctx, tx, row, { status: "ISSUED" });
    if (!ended) return null;
    const issued = await insertBillingKey(ctx, tx, {
      webhookUrl,
      store,
      channelKey: row.channelKey,
      customerId: row.customerId,
      customer: row.customer as Record<string, unknown>,
      issueId: row.issueId,
      issueName: row.issueName,
      customData: row.customData,
      noticeUrls: row.noticeUrls,
      instrumentId: instrument.id,
      requestedAt: row.createdAt,
    });
    await tx
      .update(issuances)
      .set({ billingKey: issued.billingKey })
      .where(eq(issuances.id, row.id));
    return issued;
  });
  if (!key) return (await openIssuance(ctx, row.token)).closed!;
  ctx.runtime.kickDeliveries();
  return finish(ctx, flowOf(row), {
    transactionType: "ISSUE_BILLING_KEY",
    billingKey: key.billingKey,
  });
}

async function cancelIssuance(ctx: PortOneContext, fields: Record<string, string>) {
  const { row, closed } = await openIssuance(ctx, fields.token ?? "");
  if (!row) return closed;
  if (!(await endIssuance(ctx, ctx.db, row, { status: "CANCELLED" }))) {
    return (await openIssuance(ctx, row.token)).closed!;
  }
  return finish(ctx, flowOf(row), CANCELLED);
}

export async function routeIssuance(
  mounted: MountedRequest<PortOneContext>,
): Promise<Response | null> {
  const { ctx, request, method, url, path } = mounted;
  if (method === "GET" && path === "/issuance/start") return startIssuance(ctx, url);
  if (method === "GET" && path === "/issuance") return showIssuance(ctx, url);
  if (method === "POST" && path === "/issuance/approve") {
    return approveIssuance(ctx, await readFields(request, invalidJsonBody));
  }
  if (method === "POST" && path === "/issuance/cancel") {
    return cancelIssuance(ctx, await readFields(request, invalidJsonBody));
  }
  return null;
}
