import { createHash } from "node:crypto";
import { type SQL, and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { perDatabase } from "@/lib/sandbox/shared/per-database";
import { TossPaymentsError } from "./api-error";
import type { ApiAnswer, TossPaymentsContext } from "./context";
import { idempotencyKeys } from "./schema";

// `Idempotency-Key` (docs/providers.md §2.5): on every POST, kept 15 days, matched on (key,
// API key, URL, method). A repeat replays the first answer, errors included, without running
// again; a repeat while the first is still running gets 409 IDEMPOTENT_REQUEST_PROCESSING.
//
// One deliberate deviation: Toss does not compare bodies, so a key reused for a different
// request silently gets the first answer. The sandbox refuses that with 422
// IDEMPOTENCY_KEY_REUSED instead, because it is always a merchant bug (issue 10: "a different
// body under the same key refused") and a silent replay would hide it until it costs money.

const KEY_LIFETIME_MS = 15 * 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 300;
// A first request that has not answered after this long died with its process (a crash, a
// restart): a repeat takes the key over instead of waiting forever. Longer than any answer the
// sandbox gives (the slowest test instrument answers after 30 s; a hung fault after 120 s).
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

export type IdempotentRequest = {
  secretKey: string;
  key: string | null;
  method: string;
  path: string;
  bodyText: string;
};

// The statements are built once per database with placeholders (drizzle's prepare; not a
// server-side prepared statement unless DATABASE_PREPARE is set): building their SQL costs more
// CPU than PostgreSQL spends running them. The values are `claimValues` / `answerValues`.
const p = (name: string) => sql.placeholder(name);

const keyMatch = and(
  eq(idempotencyKeys.secretKey, p("idem_secret_key")),
  eq(idempotencyKeys.key, p("idem_key")),
  eq(idempotencyKeys.method, p("idem_method")),
  eq(idempotencyKeys.path, p("idem_path")),
);

// A new key is claimed; an expired one is forgotten, so the same key starts afresh (the row
// is replaced, in the same statement). A live one is not touched: no row comes back.
function claimingUpsert(db: Database) {
  return db
    .insert(idempotencyKeys)
    .values({
      secretKey: p("idem_secret_key"),
      key: p("idem_key"),
      method: p("idem_method"),
      path: p("idem_path"),
      requestHash: p("idem_request_hash"),
      createdAt: p("idem_created_at"),
      expiresAt: p("idem_expires_at"),
    })
    .onConflictDoUpdate({
      target: [
        idempotencyKeys.secretKey,
        idempotencyKeys.key,
        idempotencyKeys.method,
        idempotencyKeys.path,
      ],
      set: {
        requestHash: sql`excluded.request_hash`,
        responseStatus: null,
        responseBody: null,
        createdAt: sql`excluded.created_at`,
        expiresAt: sql`excluded.expires_at`,
      },
      // The request's time as ISO text (a placeholder in sql`` gets no column encoder).
      setWhere: lte(idempotencyKeys.expiresAt, sql`${p("idem_now")}::timestamptz`),
    })
    .returning({ createdAt: idempotencyKeys.createdAt });
}

// What the "claimed" CTE is said to hold; nothing reads it, the first read only counts rows.
const CTE_SELECTION = { row: sql<number>`1` };

/** The claiming upsert as a CTE named "claimed" (a row when claimed), for a first read. */
export const claimingCte = (db: Database) =>
  db.$with("claimed", CTE_SELECTION).as(claimingUpsert(db).getSQL());

/** One constant row under the same name, for a first read that claims nothing. */
export const constantCte = (db: Database) => db.$with("claimed", CTE_SELECTION).as(sql`select 1`);

/**
 * The update storing the answer where `onlyIf` (placeholders answer_status, and answer_body as
 * JSON text: a placeholder in sql`` gets no column encoder).
 */
export const answerUpdate = (db: Database, onlyIf?: SQL) =>
  db
    .update(idempotencyKeys)
    .set({
      responseStatus: sql`${p("answer_status")}`,
      responseBody: sql`${p("answer_body")}::jsonb`,
    })
    .where(and(keyMatch, onlyIf));

const statementsFor = perDatabase((db) => ({
  claim: claimingUpsert(db).prepare("toss_payments_claim_idempotency_key"),
  storeAnswer: answerUpdate(db).prepare("toss_payments_store_idempotent_answer"),
}));

type ClaimValues = Record<string, string | Date>;

/**
 * The key a POST holds while its operation runs. An operation whose outcome is one write may
 * store its answer in that same statement (answerUpdate as a CTE, with `answerValues`): then an
 * outcome never exists without its answer (a crash in between would leave the key
 * "processing" until it is taken over), and the request costs a round trip less. Likewise an
 * operation may claim the key in its first read (withIdempotency's `claimInFirstRead`).
 */
export type IdempotencyClaim = {
  /**
   * When the claim is deferred to the operation's first read: the values of `claimingCte`,
   * which that read selects FROM (a row if this request now holds the key, none if not).
   * Null when the key is already held: the read selects from `constantCte`.
   */
  readonly deferredClaim: ClaimValues | null;
  /** Given the first read's row count, before anything else: throws if the key is not ours. */
  confirm(rows: number): void;
  /** The values of `answerUpdate` for this key and `answer`. */
  answerValues(answer: ApiAnswer): Record<string, string | number | null>;
  /** Says the embedded update ran: the answer is not written again. */
  markStored(): void;
};

/** The first read found the key held by another request, or answered (a repeat). */
class KeyNotOurs extends Error {}

/** The answer a TossPaymentsError stands for. */
export function errorAnswer(error: TossPaymentsError): ApiAnswer {
  return { status: error.httpStatus, body: error.body() };
}

function answerOf(error: unknown): ApiAnswer {
  if (error instanceof TossPaymentsError) return errorAnswer(error);
  throw error;
}

/**
 * Runs `run` once per key; an operation's TossPaymentsError is an answer like any other. With
 * `claimInFirstRead`, the operation claims the key in its first read (it must do nothing
 * before that read but look at the request): a request refused before it (validation) claims
 * the key afterwards, and its answer counts only if the key was free.
 */
export async function withIdempotency(
  ctx: TossPaymentsContext,
  request: IdempotentRequest,
  run: (claim: IdempotencyClaim | null) => Promise<ApiAnswer>,
  options: { claimInFirstRead?: boolean } = {},
): Promise<ApiAnswer> {
  const { key } = request;
  if (key === null) return run(null).catch(answerOf);
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TossPaymentsError("INVALID_IDEMPOTENCY_KEY");
  }
  const where = and(
    eq(idempotencyKeys.secretKey, request.secretKey),
    eq(idempotencyKeys.key, key),
    eq(idempotencyKeys.method, request.method),
    eq(idempotencyKeys.path, request.path),
  );
  const requestHash = createHash("sha256").update(request.bodyText).digest("hex");
  const keyValues = {
    idem_secret_key: request.secretKey,
    idem_key: key,
    idem_method: request.method,
    idem_path: request.path,
  };
  const claimValues: ClaimValues = {
    ...keyValues,
    idem_request_hash: requestHash,
    idem_created_at: ctx.now,
    idem_expires_at: new Date(ctx.now.getTime() + KEY_LIFETIME_MS),
    idem_now: ctx.now.toISOString(),
  };
  const answerValues = (answer: ApiAnswer) => ({
    ...keyValues,
    answer_status: answer.status,
    answer_body: answer.body === null ? null : JSON.stringify(answer.body),
  });
  const { claim: claiming, storeAnswer } = statementsFor(ctx.db);

  let held = false;
  let stored = false;
  const claimFor = (deferred: boolean): IdempotencyClaim => ({
    deferredClaim: deferred ? claimValues : null,
    confirm: (rows) => {
      if (!deferred) return;
      if (rows === 0) throw new KeyNotOurs();
      held = true;
    },
    answerValues,
    markStored: () => {
      stored = true;
    },
  });
  const attempt = async (claim: IdempotencyClaim): Promise<ApiAnswer> => {
    try {
      return await run(claim).catch(answerOf);
    } catch (error) {
      // Not an answer Toss would give (a sandbox bug, a lost database): forget the key, so a
      // retry runs again rather than waiting for ABANDONED_AFTER_MS.
      if (held) await ctx.db.delete(idempotencyKeys).where(where);
      throw error;
    }
  };
  const claimNow = async () => (await claiming.execute(claimValues)).length > 0;
  const store = (answer: ApiAnswer) => storeAnswer.execute(answerValues(answer));

  if (options.claimInFirstRead) {
    try {
      const answer = await attempt(claimFor(true));
      if (held || (await claimNow())) {
        if (!stored) await store(answer);
        return answer;
      }
    } catch (error) {
      if (!(error instanceof KeyNotOurs)) throw error;
    }
  } else {
    held = await claimNow();
  }

  if (!held) {
    const [first] = await ctx.db.select().from(idempotencyKeys).where(where);
    if (!first) throw new TossPaymentsError("IDEMPOTENT_REQUEST_PROCESSING");
    if (first.requestHash !== requestHash) throw new TossPaymentsError("IDEMPOTENCY_KEY_REUSED");
    if (first.responseStatus !== null) {
      return {
        status: first.responseStatus,
        body: (first.responseBody as Record<string, unknown> | null) ?? null,
      };
    }
    const abandoned = ctx.now.getTime() - first.createdAt.getTime() >= ABANDONED_AFTER_MS;
    const [takenOver] = abandoned
      ? await ctx.db
          .update(idempotencyKeys)
          .set({ createdAt: ctx.now })
          .where(and(where, eq(idempotencyKeys.createdAt, first.createdAt)))
          .returning()
      : [];
    if (!takenOver) throw new TossPaymentsError("IDEMPOTENT_REQUEST_PROCESSING");
    held = true;
  }

  const answer = await attempt(claimFor(false));
  if (!stored) await store(answer);
  return answer;
}
