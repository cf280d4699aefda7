import { type SQL, and, eq, exists, getTableColumns, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { sleep } from "@/lib/sandbox/shared/sleep";
import { TossPaymentsError } from "./api-error";
import { DELETE_REASONS, deleteBillingKey } from "./billing-keys";
import type { ApiAnswer, ApiOperation, TossPaymentsContext } from "./context";
import {
  type IdempotencyClaim,
  answerUpdate,
  claimingCte,
  constantCte,
  errorAnswer,
} from "./idempotency";
import { newPaymentKey, newTransactionKey } from "./ids";
import { declineCode, findInstrument } from "./instruments";
import { paymentObject } from "./payment-view";
import { type BillingKeyRow, type PaymentRow, billingKeys, payments } from "./schema";
import {
  CUSTOMER_KEY,
  EMAIL,
  ORDER_ID,
  optionalInt,
  optionalString,
  requiredInt,
  requiredString,
} from "./validation";

// POST /v1/billing/{billingKey} (docs/providers.md §2.3.2): charges the key at once. Approved
// → 200 with the Payment (status DONE). Declined → the error with its status, and a Payment
// with status ABORTED and `failure` is kept, so looking the order id up says "declined" rather
// than "nothing" (the sandbox's reading; an ABORTED order id may be charged again).

// docs/providers.md §2.3.2: card ₩100, account ₩200. The upper bound is the sandbox's choice
// (docs silent): far above any subscription, low enough to catch a unit mistake.
const MINIMUM_AMOUNT = { card: 100, account: 200 } as const;
const MAXIMUM_AMOUNT = 100_000_000;
const INSTALLMENT_MINIMUM_AMOUNT = 50_000;
// The "slow" instruments answer after this long; the charge is already recorded by then.
const SLOW_ANSWER_MS = 30_000;

function readChargeBody(body: Record<string, unknown>) {
  const customerKey = requiredString(body, "customerKey", CUSTOMER_KEY);
  const amount = requiredInt(body, "amount");
  if (amount <= 0) throw new TossPaymentsError("BELOW_ZERO_AMOUNT");
  if (amount > MAXIMUM_AMOUNT) throw new TossPaymentsError("EXCEED_MAX_AMOUNT");
  return {
    customerKey,
    amount,
    orderId: requiredString(body, "orderId", ORDER_ID),
    orderName: requiredString(body, "orderName", { max: 100, code: "INVALID_ORDER_NAME" }),
    customerEmail: optionalString(body, "customerEmail", EMAIL),
    customerName: optionalString(body, "customerName", { max: 100 }),
    taxFreeAmount: optionalInt(body, "taxFreeAmount", { min: 0, max: amount }) ?? 0,
    cardInstallmentPlan:
      optionalInt(body, "cardInstallmentPlan", {
        min: 0,
        max: 12,
        code: "INVALID_CARD_INSTALLMENT_PLAN",
      }) ?? 0,
  };
}

// The charge's two statements, built once per database with placeholders (idempotency.ts says
// why): the first read, claiming the Idempotency-Key or not, and the payment's insert, storing
// the answer or not.
const p = (name: string) => sql.placeholder(name);

function firstRead(db: Database, source: ReturnType<typeof claimingCte>) {
  const takenOrder = db
    .select({ one: sql`1` })
    .from(payments)
    .where(
      and(
        eq(payments.secretKey, p("secret_key")),
        eq(payments.orderId, p("order_id")),
        ne(payments.status, "ABORTED"),
      ),
    );
  return db
    .with(source)
    .select({ key: billingKeys, orderTaken: exists(takenOrder).mapWith(Boolean) })
    .from(source)
    .leftJoin(
      billingKeys,
      and(eq(billingKeys.billingKey, p("billing_key")), eq(billingKeys.secretKey, p("secret_key"))),
    );
}

const PAYMENT_COLUMNS = Object.keys(getTableColumns(payments)) as (keyof PaymentRow)[];

// The partial unique index on (merchant, orderId) decides between two concurrent charges: a
// payment whose order id is taken is not inserted (a declined one, ABORTED, never conflicts).
function paymentInsert(db: Database) {
  // In sql``, so no column encoder touches the value (it would fail on a null timestamp):
  // paymentValues encodes them.
  const values = Object.fromEntries(PAYMENT_COLUMNS.map((column) => [column, sql`${p(column)}`]));
  return db
    .insert(payments)
    .values(values as Record<keyof PaymentRow, SQL>)
    .onConflictDoNothing()
    .returning({ paymentKey: payments.paymentKey });
}

// What the CTEs below are said to hold; the statement only counts the inserted rows.
const INSERTED = { row: sql<number>`1` };

function paymentInsertStoringAnswer(db: Database) {
  const inserted = db.$with("inserted", INSERTED).as(paymentInsert(db).getSQL());
  const stored = db
    .$with("stored", INSERTED)
    .as(answerUpdate(db, sql`exists (select 1 from inserted)`).getSQL());
  return db
    .with(inserted, stored)
    .select({ one: sql`1` })
    .from(inserted);
}

function prepareStatements(db: Database) {
  return {
    readClaiming: firstRead(db, claimingCte(db)).prepare("toss_payments_charge_read_claiming"),
    read: firstRead(db, constantCte(db)).prepare("toss_payments_charge_read"),
    insertStoring: paymentInsertStoringAnswer(db).prepare("toss_payments_charge_insert_storing"),
    insert: paymentInsert(db).prepare("toss_payments_charge_insert"),
  };
}

const statements = new WeakMap<Database, ReturnType<typeof prepareStatements>>();

function statementsFor(db: Database) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepareStatements(db);
    statements.set(db, prepared);
  }
  return prepared;
}

/**
 * The merchant's key (deleted or not; null when it never existed for this merchant), and
 * whether the order id was already approved or cancelled: one round trip for both, which also
 * claims the Idempotency-Key when that is deferred to it. "Taken" is only a first look (the
 * checks between decide which error comes first); the unique index decides between
 * concurrent charges.
 */
async function findKeyAndOrder(
  ctx: TossPaymentsContext,
  idempotency: IdempotencyClaim | null,
  request: { secretKey: string; billingKey: string; orderId: string },
): Promise<{ key: BillingKeyRow; orderTaken: boolean } | null> {
  const { readClaiming, read } = statementsFor(ctx.db);
  const values = {
    secret_key: request.secretKey,
    billing_key: request.billingKey,
    order_id: request.orderId,
  };
  const claim = idempotency?.deferredClaim;
  const rows = claim
    ? await readClaiming.execute({ ...values, ...claim })
    : await read.execute(values);
  idempotency?.confirm(rows.length);
  const [row] = rows;
  return row?.key ? { key: row.key, orderTaken: row.orderTaken } : null;
}

/** The placeholders' values of paymentInsert: times as ISO text, the rest as they are. */
function paymentValues(payment: PaymentRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payment).map(([column, value]) => [
      column,
      value instanceof Date ? value.toISOString() : value,
    ]),
  );
}

/**
 * Inserts the payment unless its order id is taken and, in the same statement, stores
 * `answer` as the request's idempotent answer if it was inserted: one round trip for both, and
 * no payment without its answer. True when the payment was inserted.
 */
async function insertStoringAnswer(
  ctx: TossPaymentsContext,
  payment: PaymentRow,
  answer: ApiAnswer,
  idempotency: IdempotencyClaim | null,
): Promise<boolean> {
  const { insertStoring, insert } = statementsFor(ctx.db);
  const values = paymentValues(payment);
  const rows = idempotency
    ? await insertStoring.execute({ ...values, ...idempotency.answerValues(answer) })
    : await insert.execute(values);
  const inserted = rows.length > 0;
  if (inserted) idempotency?.markStored();
  return inserted;
}

export const chargeBillingKey: ApiOperation = async (
  ctx,
  { secretKey, param, body, idempotency },
) => {
  const input = readChargeBody(body);
  const found = await findKeyAndOrder(ctx, idempotency, {
    secretKey,
    billingKey: param,
    orderId: input.orderId,
  });
  if (!found) throw new TossPaymentsError("NOT_FOUND_BILLING");
  const { key, orderTaken } = found;
  // A deleted key (DELETE, a 퀵계좌이체 withdrawal) is the "invalid" kind: it did exist.
  if (key.deletedAt) throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  if (key.customerKey !== input.customerKey)
    throw new TossPaymentsError("NOT_MATCHES_CUSTOMER_KEY");
  const instrument = findInstrument(key.instrumentId);
  if (!instrument) throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  if (input.amount < MINIMUM_AMOUNT[instrument.kind]) {
    throw new TossPaymentsError("BELOW_MINIMUM_AMOUNT");
  }
  if (
    input.cardInstallmentPlan === 1 ||
    (input.cardInstallmentPlan > 1 &&
      (instrument.kind !== "card" || input.amount < INSTALLMENT_MINIMUM_AMOUNT))
  ) {
    throw new TossPaymentsError("INVALID_CARD_INSTALLMENT_PLAN");
  }
  if (orderTaken) throw new TossPaymentsError("DUPLICATED_ORDER_ID");

  if (instrument.behavior === "withdrawn") {
    // Seed 002: a customer who leaves 퀵계좌이체 invalidates the key; the sandbox lets that
    // happen just before the first charge, so the charge fails as the next one would.
    await deleteBillingKey(ctx, key, DELETE_REASONS.withdrawal);
    throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  }

  const decline = declineCode(instrument);
  const values = {
    paymentKey: newPaymentKey(),
    secretKey,
    orderId: input.orderId,
    orderName: input.orderName,
    billingKey: key.billingKey,
    customerKey: key.customerKey,
    customerEmail: input.customerEmail ?? null,
    customerName: input.customerName ?? null,
    totalAmount: input.amount,
    taxFreeAmount: input.taxFreeAmount,
    installmentPlanMonths: input.cardInstallmentPlan,
    instrumentId: instrument.id,
    requestedAt: ctx.now,
  };
  if (decline) {
    const error = new TossPaymentsError(decline);
    const declined: PaymentRow = {
      ...values,
      status: "ABORTED",
      balanceAmount: 0,
      lastTransactionKey: null,
      approvedAt: null,
      failureCode: error.code,
      failureMessage: error.message,
    };
    await insertStoringAnswer(ctx, declined, errorAnswer(error), idempotency);
    throw error;
  }
  const payment: PaymentRow = {
    ...values,
    status: "DONE",
    balanceAmount: input.amount,
    lastTransactionKey: newTransactionKey(),
    approvedAt: ctx.now,
    failureCode: null,
    failureMessage: null,
  };
  // Nothing to read back: the key is the one in hand, and a payment just made has no cancels.
  const answer = { status: 200, body: paymentObject(payment, key, [], ctx.baseUrl) };
  // A slow instrument's answer is stored when it is given: a repeat meanwhile must still hear
  // that the first request is running (409), as with Toss.
  const slow = instrument.behavior === "slow";
  const charged = await insertStoringAnswer(ctx, payment, answer, slow ? null : idempotency);
  if (!charged) throw new TossPaymentsError("DUPLICATED_ORDER_ID");
  if (slow) await sleep(SLOW_ANSWER_MS, ctx.signal);
  return answer;
};
