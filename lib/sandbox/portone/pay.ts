import { and, eq, sql } from "drizzle-orm";
import { sleep } from "@/lib/sandbox/shared/sleep";
import { z } from "zod";
import { PortOneApiError, invalidRequest } from "./api-error";
import { findBillingKey } from "./billing-keys";
import type { ApiOperation } from "./context";
import { newPgTxId, newTransactionId } from "./ids";
import { findInstrument } from "./instruments";
import { payments, transactions, webhookDeliveries } from "./schema";
import { checkStoreId } from "./stores";
import { checkPaymentId, customerInput, int64, noticeUrls, parseBody } from "./validation";
import { enqueueWebhook, webhookPayload, webhookTargets } from "./webhooks";

// POST /payments/{paymentId}/billing-key (docs/providers.md §3.3): charges the key at once.
// Paid → 200 {payment: {pgTxId, paidAt}} and Transaction.Paid. Declined → 502 PG_PROVIDER with
// Toss Pay's pgCode/pgMessage, a FAILED payment and Transaction.Failed; a FAILED paymentId may
// be charged again (a new attempt, a new transactionId). A paid one → 409 ALREADY_PAID.
//
// Concurrency: the payment row (store, paymentId) is created or locked inside one transaction
// before anything is decided, so two simultaneous charges of one id run one after the other
// and the second sees ALREADY_PAID (docs §3.7 leaves this [unconfirmed]; this is the safe reading).

// Toss Pay's card minimum (docs/providers.md §1.5 CARD_MIN_AMOUNT_ERROR); the upper bound is the
// sandbox's choice (docs silent): far above any subscription, low enough to catch a unit mistake.
const CARD_MINIMUM_AMOUNT = 100;
const MAXIMUM_AMOUNT = 100_000_000;
const SLOW_ANSWER_MS = 30_000;

const payBody = z.object({
  storeId: z.string().optional(),
  billingKey: z.string().min(1).max(200),
  channelKey: z.string().optional(),
  orderName: z.string().min(1).max(200),
  customer: customerInput.optional(),
  customData: z.string().max(10_000).optional(),
  amount: z.object({
    total: int64.positive().max(MAXIMUM_AMOUNT),
    taxFree: int64.nonnegative().optional(),
    vat: int64.nonnegative().optional(),
  }),
  currency: z.string(),
  installmentMonth: z.number().int().min(0).max(12).optional(),
  noticeUrls,
});

/** docs §3.3: vat defaults to (total − taxFree) / 11, rounded (the rounding is the sandbox's). */
export const defaultVat = (taxable: number) => Math.round(taxable / 11);

export const payWithBillingKey: ApiOperation = async (ctx, { store, param, body, keyOfBody }) => {
  checkPaymentId(param);
  const input = parseBody(payBody, body);
  checkStoreId(store, input.storeId);
  // The Toss Pay channel settles in won only.
  if (input.currency !== "KRW") throw invalidRequest("currency: 토스페이 채널은 KRW만 지원합니다.");
  const total = input.amount.total;
  const taxFree = input.amount.taxFree ?? 0;
  if (taxFree > total) throw invalidRequest("amount.taxFree: 면세 금액이 결제 금액보다 큽니다.");
  const vat = input.amount.vat ?? defaultVat(total - taxFree);
  if (taxFree + vat > total) throw new PortOneApiError("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT");
  if (input.channelKey !== undefined && input.channelKey !== store.channelKey) {
    throw new PortOneApiError("CHANNEL_NOT_FOUND");
  }

  // Read with the store by the handler (the same lookup), else here.
  const key =
    keyOfBody !== undefined
      ? keyOfBody
      : await findBillingKey(ctx.db, store.storeId, input.billingKey);
  if (!key) throw new PortOneApiError("BILLING_KEY_NOT_FOUND");
  if (key.deletedAt) throw new PortOneApiError("BILLING_KEY_ALREADY_DELETED");
  const instrument = findInstrument(key.instrumentId);
  if (!instrument) throw new PortOneApiError("BILLING_KEY_NOT_FOUND");
  const decline =
    instrument.kind === "card" && total < CARD_MINIMUM_AMOUNT
      ? { pgCode: "CARD_MIN_AMOUNT_ERROR", pgMessage: "카드 결제는 100원 이상부터 가능합니다." }
      : instrument.behavior === "decline"
        ? instrument.decline
        : undefined;

  const { webhookUrl } = await ctx.runtime.settings();
  const urls = webhookTargets(input.noticeUrls, webhookUrl);
  const transactionId = newTransactionId();
  const pgTxId = decline ? null : newPgTxId();
  const attempt = {
    transactionId,
    status: decline ? ("FAILED" as const) : ("PAID" as const),
    billingKey: key.billingKey,
    channelKey: key.channelKey,
    orderName: input.orderName,
    currency: input.currency,
    totalAmount: total,
    taxFreeAmount: taxFree,
    vatAmount: vat,
    cancelledAmount: 0,
    cancelledTaxFreeAmount: 0,
    cancelledVatAmount: 0,
    customer: { ...(key.customer as object), ...input.customer },
    customData: input.customData ?? null,
    noticeUrls: input.noticeUrls,
    instrumentId: instrument.id,
    pgTxId,
    failureReason: decline ? decline.pgMessage : null,
    pgCode: decline?.pgCode ?? null,
    pgMessage: decline?.pgMessage ?? null,
    requestedAt: ctx.now,
    updatedAt: ctx.now,
    statusChangedAt: ctx.now,
    paidAt: decline ? null : ctx.now,
    failedAt: decline ? ctx.now : null,
    cancelledAt: null,
  };

  const at = ctx.now.toISOString();
  const event = {
    type: decline ? ("Transaction.Failed" as const) : ("Transaction.Paid" as const),
    data: { storeId: store.storeId, paymentId: param, transactionId },
  };
  // A new paymentId (the usual case) in one statement: the payment, its attempt and its
  // webhooks, all or nothing. ON CONFLICT DO NOTHING waits for a concurrent insert of the same
  // id to commit and then inserts nothing, so the other two inserts (which read `created`) do
  // nothing either and the id goes through the locking path below.
  const created = await ctx.db.execute<{ n: number }>(sql`
    with created as (
      insert into ${payments} (
        store_id, payment_id, transaction_id, status, billing_key, channel_key, order_name,
        currency, total_amount, tax_free_amount, vat_amount, cancelled_amount,
        cancelled_tax_free_amount, cancelled_vat_amount, customer, custom_data, notice_urls,
        instrument_id, pg_tx_id, failure_reason, pg_code, pg_message, requested_at, updated_at,
        status_changed_at, paid_at, failed_at, cancelled_at
      ) values (
        ${store.storeId}, ${param}, ${transactionId}, ${attempt.status}, ${attempt.billingKey},
        ${attempt.channelKey}, ${attempt.orderName}, ${attempt.currency}, ${total}, ${taxFree},
        ${vat}, 0, 0, 0, ${JSON.stringify(attempt.customer)}::jsonb, ${attempt.customData},
        ${JSON.stringify(attempt.noticeUrls)}::jsonb, ${attempt.instrumentId}, ${pgTxId},
        ${attempt.failureReason}, ${attempt.pgCode}, ${attempt.pgMessage}, ${at}, ${at}, ${at},
        ${decline ? null : at}, ${decline ? at : null}, null
      )
      on conflict do nothing
      returning store_id, payment_id
    ), attempt as (
      insert into ${transactions} (
        transaction_id, store_id, payment_id, status, amount, pg_tx_id, pg_code, pg_message,
        requested_at
      )
      select ${transactionId}, store_id, payment_id, ${attempt.status}, ${total}::int,
             ${pgTxId}::text, ${attempt.pgCode}::text, ${attempt.pgMessage}::text,
             ${at}::timestamptz
      from created
    ), webhooks as (
      insert into ${webhookDeliveries} (store_id, type, url, payload, next_attempt_at, created_at)
      select store_id, ${event.type}, target.url, ${JSON.stringify(webhookPayload(event, ctx.now))}::jsonb,
             ${at}::timestamptz, ${at}::timestamptz
      from created cross join unnest(array[${sql.join(
        urls.map((url) => sql`${url}`),
        sql`, `,
      )}]::text[]) as target(url)
    )
    select count(*)::int as n from created`);
  if ([...created][0]?.n !== 1) {
    await ctx.db.transaction(async (tx) => {
      // The id exists: locked until this transaction ends, so a concurrent charge waits here.
      const [existing] = await tx
        .select({ status: payments.status })
        .from(payments)
        .where(and(eq(payments.storeId, store.storeId), eq(payments.paymentId, param)))
        .for("update");
      if (existing?.status !== "FAILED") throw new PortOneApiError("ALREADY_PAID");
      await tx
        .update(payments)
        .set(attempt)
        .where(and(eq(payments.storeId, store.storeId), eq(payments.paymentId, param)));
      await tx.insert(transactions).values({
        transactionId,
        storeId: store.storeId,
        paymentId: param,
        status: attempt.status,
        amount: total,
        pgTxId,
        pgCode: attempt.pgCode,
        pgMessage: attempt.pgMessage,
        requestedAt: ctx.now,
      });
      await enqueueWebhook(tx, { urls, now: ctx.now }, event);
    });
  }
  ctx.runtime.kickDeliveries();

  if (decline) throw new PortOneApiError("PG_PROVIDER", decline.pgMessage, decline);
  if (instrument.behavior === "slow") await sleep(SLOW_ANSWER_MS, ctx.signal);
  return { payment: { pgTxId: pgTxId!, paidAt: ctx.now.toISOString() } };
};
