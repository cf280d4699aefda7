import { type SQL, and, eq, exists, getTableColumns, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { perDatabase } from "@/lib/sandbox/shared/per-database";
import type { ApiAnswer, TossPaymentsContext } from "./context";
import { type IdempotencyClaim, answerUpdate, claimingCte, constantCte } from "./idempotency";
import { type BillingKeyRow, type PaymentRow, billingKeys, payments } from "./schema";

// A charge's two statements (charge-billing-key.ts has the rules): the first read, which also
// claims the Idempotency-Key, and the payment's insert, which also stores the answer. Both are
// built once per database with placeholders (drizzle's prepare; a server-side prepared
// statement only with DATABASE_PREPARE): building their SQL on every request cost more CPU
// than PostgreSQL spends running them.

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

const statementsFor = perDatabase((db) => ({
  readClaiming: firstRead(db, claimingCte(db)).prepare("toss_payments_charge_read_claiming"),
  read: firstRead(db, constantCte(db)).prepare("toss_payments_charge_read"),
  insertStoring: paymentInsertStoringAnswer(db).prepare("toss_payments_charge_insert_storing"),
  insert: paymentInsert(db).prepare("toss_payments_charge_insert"),
}));

/**
 * The merchant's key (deleted or not; null when it never existed for this merchant), and
 * whether the order id was already approved or cancelled: one round trip for both, which also
 * claims the Idempotency-Key when that is deferred to it. "Taken" is only a first look (the
 * checks between decide which error comes first); the unique index decides between
 * concurrent charges.
 */
export async function findKeyAndOrder(
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
export async function insertStoringAnswer(
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
