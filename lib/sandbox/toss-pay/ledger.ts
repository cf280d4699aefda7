import { type SQL, and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import { jsonResponse } from "./api-error";
import type { SandboxContext } from "./context";
import { findInstrument } from "./instruments";
import { maskApiKey } from "./key-management";
import { formatKst } from "./kst-time";
import { PAY_STATUS_LABEL, effectivePayStatus } from "./payment-view";
import { charges } from "./schema";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { toolPage } from "./views/layout";

// {base}/_sandbox/ledger: every charge the sandbox made, so "was anyone charged twice?" can be
// answered by looking (HTML) or by a test (?format=json). The sandbox cannot know a merchant's
// billing periods, so its "중복 결제 의심" marker is a plain heuristic, stated on the page: the
// same merchant approved the same billing key for the same amount and product description more
// than once within `duplicateWindowHours` (default 24; 0 turns it off).

const DEFAULT_HTML_LIMIT = 200;
const DEFAULT_JSON_LIMIT = 1_000;
const MAX_LIMIT = 50_000;
const DEFAULT_DUPLICATE_WINDOW_HOURS = 24;

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const value = Number(url.searchParams.get(name));
  return Number.isInteger(value) && value >= 0 && url.searchParams.has(name)
    ? Math.min(value, max)
    : fallback;
}

type RefundSummary = { refundNo: string; amount: number; transactionId: string; createdAt: string };

export async function showLedger(ctx: SandboxContext, url: URL): Promise<Response> {
  const asJson = url.searchParams.get("format") === "json";
  const filter = {
    apiKey: url.searchParams.get("apiKey")?.trim() || undefined,
    billingKey: url.searchParams.get("billingKey")?.trim() || undefined,
    userId: url.searchParams.get("userId")?.trim() || undefined,
    orderNo: url.searchParams.get("orderNo")?.trim() || undefined,
  };
  const limit = intParam(url, "limit", asJson ? DEFAULT_JSON_LIMIT : DEFAULT_HTML_LIMIT, MAX_LIMIT);
  const offset = intParam(url, "offset", 0, Number.MAX_SAFE_INTEGER);
  const windowHours = intParam(
    url,
    "duplicateWindowHours",
    DEFAULT_DUPLICATE_WINDOW_HOURS,
    24 * 366,
  );

  // The duplicate check looks at every approval of the keys in scope, not only the filtered
  // rows: an orderNo filter must still show that its charge has a twin.
  const scope: SQL[] = [];
  if (filter.apiKey) scope.push(eq(charges.apiKey, filter.apiKey));
  if (filter.billingKey) scope.push(eq(charges.billingKey, filter.billingKey));
  if (filter.userId) scope.push(eq(charges.userId, filter.userId));
  const where = and(...scope, filter.orderNo ? eq(charges.orderNo, filter.orderNo) : undefined);

  // An approval is a suspected duplicate when the previous or next approval of the same
  // (merchant, key, amount, description) lies within the window: one sort, not a probe per row,
  // so a ledger of 10,000 charges on one key answers quickly.
  const sameThing = sql`partition by ${charges.apiKey}, ${charges.billingKey}, ${charges.amount}, ${charges.productDesc} order by ${charges.approvedAt}`;
  const window = sql`make_interval(hours => ${windowHours})`;
  const flags = ctx.db.$with("duplicate_flags").as(
    ctx.db
      .select({
        id: charges.id,
        duplicate:
          sql<boolean>`coalesce(${charges.approvedAt} - lag(${charges.approvedAt}) over (${sameThing}) <= ${window}, false)
          or coalesce(lead(${charges.approvedAt}) over (${sameThing}) - ${charges.approvedAt} <= ${window}, false)`.as(
            "duplicate",
          ),
      })
      .from(charges)
      .where(and(isNotNull(charges.transactionId), ...scope)),
  );
  // Names the tables itself: the correlated subquery must bind to the outer `charges`.
  const refundList = sql<RefundSummary[]>`(
    select coalesce(json_agg(json_build_object(
      'refundNo', r.refund_no, 'amount', r.amount, 'transactionId', r.transaction_id, 'createdAt', r.created_at
    ) order by r.created_at), '[]'::json)
    from sandbox_toss_pay.refunds r where r.charge_id = charges.id)`;

  const [rows, [totals]] = await Promise.all([
    ctx.db
      .with(flags)
      .select({
        charge: charges,
        suspectedDuplicate:
          windowHours > 0 ? sql<boolean>`coalesce(${flags.duplicate}, false)` : sql<boolean>`false`,
        refunds: refundList,
      })
      .from(charges)
      .leftJoin(flags, eq(flags.id, charges.id))
      .where(where)
      .orderBy(desc(charges.createdAt), desc(charges.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({
        total: count(),
        approved: sql<number>`count(*) filter (where ${charges.transactionId} is not null)::int`,
        declined: sql<number>`count(*) filter (where ${charges.transactionId} is null)::int`,
        paidAmount: sql<number>`coalesce(sum(${charges.amount} - ${charges.refundedAmount}) filter (where ${charges.transactionId} is not null), 0)::bigint`,
      })
      .from(charges)
      .where(where),
  ]);

  const entries = rows.map(({ charge, suspectedDuplicate, refunds }) => ({
    orderNo: charge.orderNo,
    payToken: charge.payToken,
    transactionId: charge.transactionId,
    billingKey: charge.billingKey,
    userId: charge.userId,
    merchant: maskApiKey(charge.apiKey),
    productDesc: charge.productDesc,
    amount: charge.amount,
    payMethod: charge.payMethod,
    instrument: charge.instrumentId,
    payStatus: effectivePayStatus(charge, ctx.now),
    refundedAmount: charge.refundedAmount,
    refunds,
    errorCode: charge.errorCode,
    failPushSent: charge.failPushSent,
    createdAt: charge.createdAt.toISOString(),
    approvedAt: charge.approvedAt?.toISOString() ?? null,
    suspectedDuplicate,
  }));
  const summary = {
    total: totals?.total ?? 0,
    approved: totals?.approved ?? 0,
    declined: totals?.declined ?? 0,
    paidAmount: Number(totals?.paidAmount ?? 0),
  };

  if (asJson) {
    return jsonResponse({
      ...summary,
      limit,
      offset,
      duplicateWindowHours: windowHours,
      charges: entries,
    });
  }

  const duplicates = entries.filter((e) => e.suspectedDuplicate).length;
  const action = `${ctx.basePath}/_sandbox/ledger`;
  const body = html`<p class="lead">
      샌드박스가 처리한 모든 결제예요. <b>중복 결제 의심</b>: 같은 가맹점이 같은 빌링키로 같은
      금액·같은 상품을 ${windowHours}시간 안에 두 번 이상 승인받은
      결제${windowHours === 0 ? " (표시 끔)" : ""}.
    </p>
    <form class="filters" method="get" action="${action}">
      <label>billingKey<input name="billingKey" value="${filter.billingKey ?? ""}" /></label>
      <label>userId<input name="userId" value="${filter.userId ?? ""}" /></label>
      <label>orderNo<input name="orderNo" value="${filter.orderNo ?? ""}" /></label>
      <label
        >중복 판단 시간<input
          name="duplicateWindowHours"
          type="number"
          min="0"
          value="${windowHours}"
      /></label>
      <button class="tbtn" type="submit">찾기</button>
      <a
        class="tbtn ghost"
        style="display:inline-flex;align-items:center;text-decoration:none"
        href="${action}"
        >초기화</a
      >
    </form>
    <div class="stats">
      <div class="stat"><b>${summary.total.toLocaleString("ko-KR")}</b>전체 결제 요청</div>
      <div class="stat"><b>${summary.approved.toLocaleString("ko-KR")}</b>승인</div>
      <div class="stat"><b>${summary.declined.toLocaleString("ko-KR")}</b>승인 실패</div>
      <div class="stat">
        <b>${summary.paidAmount.toLocaleString("ko-KR")}원</b>순 결제액 (환불 제외)
      </div>
      <div class="stat ${duplicates > 0 ? "bad" : ""}">
        <b>${duplicates}</b>중복 결제 의심 (이 페이지)
      </div>
    </div>
    <div class="table-wrap">
      ${
        entries.length === 0
          ? html`<p class="empty">아직 결제가 없어요.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>요청 시각 (KST)</th>
                  <th>orderNo</th>
                  <th>userId</th>
                  <th>빌링키</th>
                  <th>결제수단</th>
                  <th class="num">금액</th>
                  <th>상태</th>
                  <th class="num">환불</th>
                  <th>영수증</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map((e) => {
                  const label = findInstrument(e.instrument)?.label ?? e.instrument;
                  const receipt =
                    e.payMethod === "CARD" && e.transactionId
                      ? `${ctx.basePath}/payfront/web/external/sales-check?payToken=${encodeURIComponent(e.payToken)}&transactionId=${encodeURIComponent(e.transactionId)}`
                      : null;
                  return html`<tr class="${e.suspectedDuplicate ? "dup" : ""}">
                    <td class="mono">${formatKst(new Date(e.createdAt))}</td>
                    <td class="mono">
                      ${e.orderNo}${e.suspectedDuplicate ? html`<span class="dup-flag">중복 결제 의심</span>` : ""}
                    </td>
                    <td class="mono">${e.userId}</td>
                    <td class="mono">${e.billingKey.slice(0, 4)}…${e.billingKey.slice(-4)}</td>
                    <td>${label}</td>
                    <td class="num">${e.amount.toLocaleString("ko-KR")}원</td>
                    <td>
                      <span
                        class="pill ${e.transactionId ? (e.refundedAmount > 0 ? "blue" : "ok") : "warn"}"
                        >${PAY_STATUS_LABEL[e.payStatus] ?? e.payStatus}</span
                      >
                      ${e.errorCode ? html`<br /><span class="mono">${e.errorCode}</span>` : ""}
                    </td>
                    <td class="num">
                      ${
                        e.refundedAmount > 0
                          ? html`-${e.refundedAmount.toLocaleString("ko-KR")}원<br /><span
                                class="mono"
                                >${e.refunds.map((r) => r.refundNo).join(", ")}</span
                              >`
                          : "-"
                      }
                    </td>
                    <td>${receipt ? html`<a href="${receipt}">매출전표</a>` : "-"}</td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
    </div>
    ${
      summary.total > offset + entries.length
        ? html`<p>
            <a href="${action}?${nextPage(url, offset + limit)}">다음 ${limit}건 →</a>
          </p>`
        : ""
    }`;
  return htmlResponse(
    toolPage({ title: "결제 원장", basePath: ctx.basePath, current: "ledger", body }),
  );
}

function nextPage(url: URL, offset: number): string {
  const params = new URLSearchParams(url.searchParams);
  params.set("offset", String(offset));
  return params.toString();
}
