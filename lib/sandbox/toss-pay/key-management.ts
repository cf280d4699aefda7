import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { SandboxApiError, jsonResponse } from "./api-error";
import { methodAlreadyLinked } from "./billing-key-queries";
import { callbackPayload, enqueueCallback } from "./callbacks";
import type { SandboxContext } from "./context";
import { newBillingKey, newCheckoutToken } from "./ids";
import {
  ACCOUNTS,
  BEHAVIORS,
  BEHAVIOR_LABELS,
  CARD_COMPANIES,
  findInstrument,
  methodFields,
} from "./instruments";
import { formatKst } from "./kst-time";
import { billingKeys } from "./schema";
import { billingKeyStatusRequest, parseRequest, requireTestApiKey } from "./validation";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { toolPage } from "./views/layout";

// {base}/_sandbox/keys: what a customer can do to a key inside the Toss app (change the linked
// method, cancel the auto-payment, which sends REMOVED to the merchant), plus a shortcut for
// tests and benchmarks that need many ACTIVE keys without clicking through the screens.

const LIST_LIMIT = 300;

export type KeyActionForm = {
  billingKey: string;
  method?: string;
  behavior?: string;
  instrument?: string;
};

const maskKey = (key: string) => (key.length > 10 ? `${key.slice(0, 4)}…${key.slice(-4)}` : key);
export const maskApiKey = (apiKey: string) => `${apiKey.slice(0, 12)}…${apiKey.slice(-3)}`;

function methodOptions(selected: string | null) {
  const methods = [
    ...CARD_COMPANIES.filter((c) => c.supported).map((c) => ({
      value: `card:${c.code}`,
      label: c.displayName,
    })),
    ...ACCOUNTS.map((a) => ({ value: `account:${a.bankCode}`, label: a.displayName })),
  ];
  const current = selected?.split(":").slice(0, 2).join(":");
  return methods.map(
    (m) =>
      html`<option value="${m.value}" ${m.value === current ? html`selected` : ""}>
        ${m.label}
      </option>`,
  );
}

function behaviorOptions(selected: string | null) {
  const current = selected?.split(":")[2];
  return BEHAVIORS.map(
    (b) =>
      html`<option value="${b}" ${b === current ? html`selected` : ""}>
        ${BEHAVIOR_LABELS[b]}
      </option>`,
  );
}

const STATUS_PILL: Record<string, string> = {
  ACTIVE: "ok",
  CREATE: "blue",
  REMOVE: "",
  CANCEL: "",
  FAIL: "warn",
  AUTH: "blue",
};

export async function listKeys(ctx: SandboxContext, url: URL): Promise<Response> {
  const userId = url.searchParams.get("userId")?.trim() || undefined;
  const billingKey = url.searchParams.get("billingKey")?.trim() || undefined;
  const status = url.searchParams.get("status")?.trim() || undefined;
  const filters: SQL[] = [];
  if (userId) filters.push(eq(billingKeys.userId, userId));
  if (billingKey) filters.push(eq(billingKeys.billingKey, billingKey));
  if (status && billingKeyStatusValues.has(status)) {
    filters.push(eq(billingKeys.status, status as (typeof billingKeys.$inferSelect)["status"]));
  }
  const rows = await ctx.db
    .select()
    .from(billingKeys)
    .where(and(...filters))
    .orderBy(desc(billingKeys.createdAt))
    .limit(LIST_LIMIT);

  if (url.searchParams.get("format") === "json") {
    return jsonResponse({
      keys: rows.map((k) => ({
        billingKey: k.billingKey,
        merchant: maskApiKey(k.apiKey),
        userId: k.userId,
        displayId: k.displayId,
        status: k.status,
        instrument: k.instrumentId,
        createdAt: k.createdAt.toISOString(),
        expiresAt: k.expiresAt.toISOString(),
        activatedAt: k.activatedAt?.toISOString() ?? null,
        removedAt: k.removedAt?.toISOString() ?? null,
        removedBy: k.removedBy,
      })),
    });
  }

  const notice = url.searchParams.get("notice");
  const error = url.searchParams.get("error");
  const action = `${ctx.basePath}/_sandbox/keys`;
  const body = html`<p class="lead">
      고객이 토스 앱에서 하는 일을 흉내 내요: 연결된 결제수단 바꾸기, 자동결제 해지(가맹점에 REMOVED
      콜백 전송).
    </p>
    ${notice ? html`<p class="flash" role="status">${notice}</p>` : ""}
    ${error ? html`<p class="flash err" role="alert">${error}</p>` : ""}
    <form class="filters" method="get" action="${action}">
      <label>userId<input name="userId" value="${userId ?? ""}" /></label>
      <label>billingKey<input name="billingKey" value="${billingKey ?? ""}" /></label>
      <label
        >상태<select name="status">
          <option value="">전체</option>
          ${[...billingKeyStatusValues].map(
            (s) => html`<option value="${s}" ${s === status ? html`selected` : ""}>${s}</option>`,
          )}
        </select></label
      >
      <button class="tbtn" type="submit">찾기</button>
    </form>
    <div class="table-wrap">
      ${
        rows.length === 0
          ? html`<p class="empty">빌링키가 없어요.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>생성</th>
                  <th>가맹점</th>
                  <th>userId / displayId</th>
                  <th>빌링키</th>
                  <th>상태</th>
                  <th>결제수단</th>
                  <th>고객 동작 (토스 앱)</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((k) => {
                  const instrument = k.instrumentId ? findInstrument(k.instrumentId) : null;
                  return html`<tr>
                    <td class="mono">${formatKst(k.createdAt)}</td>
                    <td class="mono">${maskApiKey(k.apiKey)}</td>
                    <td class="mono">
                      ${k.userId}${k.displayId ? html`<br />${k.displayId}` : ""}
                    </td>
                    <td class="mono" title="빌링키 전체 값은 가맹점 서버만 알아요">
                      ${maskKey(k.billingKey)}
                    </td>
                    <td><span class="pill ${STATUS_PILL[k.status] ?? ""}">${k.status}</span></td>
                    <td>${instrument?.label ?? "-"}</td>
                    <td>
                      ${
                        k.status === "ACTIVE"
                          ? html`<form
                                class="inline-form"
                                method="post"
                                action="${action}/change-method"
                              >
                                <input type="hidden" name="billingKey" value="${k.billingKey}" />
                                <select name="method" aria-label="결제수단">
                                  ${methodOptions(k.instrumentId)}
                                </select>
                                <select name="behavior" aria-label="테스트 결과">
                                  ${behaviorOptions(k.instrumentId)}
                                </select>
                                <button class="tbtn ghost" type="submit">결제수단 변경</button>
                              </form>
                              <form
                                class="inline-form"
                                method="post"
                                action="${action}/remove"
                                style="margin-top:6px"
                              >
                                <input type="hidden" name="billingKey" value="${k.billingKey}" />
                                <button class="tbtn danger" type="submit">자동결제 해지</button>
                              </form>`
                          : "-"
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
    </div>`;
  return htmlResponse(
    toolPage({ title: "빌링키 관리", basePath: ctx.basePath, current: "keys", body }),
  );
}

const billingKeyStatusValues: ReadonlySet<string> = new Set(billingKeys.status.enumValues);

function instrumentFromForm(form: { method?: string; behavior?: string; instrument?: string }) {
  const id = form.instrument ?? `${form.method ?? ""}:${form.behavior ?? "normal"}`;
  const instrument = findInstrument(id);
  return instrument && !instrument.id.startsWith("doc:") ? instrument : null;
}

/** The customer changes the method linked to an ACTIVE key (no callback: Toss sends none). */
export async function changeKeyMethod(
  ctx: SandboxContext,
  form: KeyActionForm,
): Promise<{ notice: string }> {
  const instrument = instrumentFromForm(form);
  if (!instrument)
    throw new SandboxApiError(
      400,
      "NOT_SUPPORTED_PAYMENT_METHOD",
      "등록할 수 없는 결제수단입니다.",
    );
  const [key] = await ctx.db
    .select()
    .from(billingKeys)
    .where(eq(billingKeys.billingKey, form.billingKey));
  if (!key || key.status !== "ACTIVE") {
    throw new SandboxApiError(
      404,
      "COMMON_BILLING_KEY_NOT_FOUND",
      "ACTIVE 상태의 빌링키가 아닙니다.",
    );
  }
  if (await methodAlreadyLinked(ctx.db, key, instrument.id)) {
    throw new SandboxApiError(
      409,
      "EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD",
      "같은 사용자의 다른 빌링키에 이미 연결된 결제수단입니다.",
    );
  }
  await ctx.db
    .update(billingKeys)
    .set({ instrumentId: instrument.id, updatedAt: ctx.now })
    .where(and(eq(billingKeys.billingKey, key.billingKey), eq(billingKeys.status, "ACTIVE")));
  return { notice: `결제수단을 ${instrument.label}(으)로 바꿨어요.` };
}

/** The customer cancels the auto-payment in the Toss app: REMOVE, and REMOVED is called back. */
export async function removeKeyAsUser(
  ctx: SandboxContext,
  form: KeyActionForm,
): Promise<{ notice: string }> {
  const removed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingKeys)
      .set({
        status: "REMOVE",
        removedBy: "user",
        endReason: "BILLING_KEY_UNREGISTERED_BY_CANCEL",
        removedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(and(eq(billingKeys.billingKey, form.billingKey), eq(billingKeys.status, "ACTIVE")))
      .returning();
    if (row) {
      const instrument = row.instrumentId ? findInstrument(row.instrumentId) : null;
      await enqueueCallback(tx, row, callbackPayload("REMOVED", row, instrument, ctx.now), ctx.now);
    }
    return row ?? null;
  });
  if (!removed)
    throw new SandboxApiError(
      404,
      "COMMON_BILLING_KEY_NOT_FOUND",
      "ACTIVE 상태의 빌링키가 아닙니다.",
    );
  ctx.runtime.kickDeliveries();
  return { notice: "자동결제를 해지했어요. 가맹점에 REMOVED 콜백을 보냈어요." };
}

const fixtureRequest = billingKeyStatusRequest.extend({
  instrument: z.string().optional(),
  productDesc: z.string().min(1).max(255).optional(),
  resultCallback: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});

/**
 * POST {base}/_sandbox/keys (JSON): an ACTIVE key straight away, as if the customer had
 * approved it, without a callback. For tests and benchmarks; not part of Toss's API.
 */
export async function createActiveKey(
  ctx: SandboxContext,
  body: Record<string, unknown>,
): Promise<Response> {
  const apiKey = requireTestApiKey(body);
  const input = parseRequest(fixtureRequest, body);
  const instrument = instrumentFromForm({ instrument: input.instrument ?? "card:4:normal" });
  if (!instrument)
    throw new SandboxApiError(
      400,
      "NOT_SUPPORTED_PAYMENT_METHOD",
      "instrument: 알 수 없는 결제수단입니다.",
    );
  const billingKey = newBillingKey();
  if (
    await methodAlreadyLinked(ctx.db, { apiKey, userId: input.userId, billingKey }, instrument.id)
  ) {
    throw new SandboxApiError(
      409,
      "EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD",
      "같은 사용자의 다른 빌링키에 이미 연결된 결제수단입니다.",
    );
  }
  await ctx.db.insert(billingKeys).values({
    billingKey,
    apiKey,
    userId: input.userId,
    displayId: input.displayId ?? null,
    productDesc: input.productDesc ?? "샌드박스 테스트 상품",
    status: "ACTIVE",
    instrumentId: instrument.id,
    checkoutToken: newCheckoutToken(),
    expiresAt: ctx.now,
    resultCallback: input.resultCallback ?? "http://localhost/unused",
    createdAt: ctx.now,
    activatedAt: ctx.now,
    updatedAt: ctx.now,
  });
  return jsonResponse({
    code: 0,
    billingKey,
    userId: input.userId,
    ...(input.displayId ? { displayId: input.displayId } : {}),
    status: "ACTIVE",
    ...methodFields(instrument),
  });
}
