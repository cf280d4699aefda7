import { createHash } from "node:crypto";
import { type SQL, type SQLWrapper, type WithSubquery, and, eq, lte, sql } from "drizzle-orm";
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

/**
 * The key a POST holds while its operation runs. An operation whose outcome is one write may
 * store its answer in that same statement: then an outcome never exists without its answer
 * (a crash in between would leave the key "processing" until it is taken over), and the
 * request costs a round trip less. Likewise an operation may claim the key in its first read
 * (withIdempotency's `claimInFirstRead`), saving the round trip of the claim.
 */
export type IdempotencyClaim = {
  /**
   * What the operation's first read selects FROM, as a CTE (firstReadSource). When the claim
   * is deferred to that read, it is the claiming upsert: one row if this request now holds the
   * key, none if not. Otherwise it is one constant row.
   */
  readonly source: WithSubquery;
  /** Given the first read's row count, before anything else: throws if the key is not ours. */
  confirm(rows: number): void;
  /** The update that stores `answer` for this key where `onlyIf` holds, to embed in a write. */
  storeAnswerWith(answer: ApiAnswer, onlyIf: SQL): SQLWrapper;
  /** Says the embedded update ran: the answer is not written again. */
  markStored(): void;
};

/** The first read found the key held by another request, or answered (a repeat). */
class KeyNotOurs extends Error {}

const oneRow = (ctx: TossPaymentsContext) => ctx.db.$with("claimed", {}).as(sql`select 1`);

/** What an operation's first read selects FROM: the claim's source, or one constant row. */
export function firstReadSource(
  ctx: TossPaymentsContext,
  claim: IdempotencyClaim | null,
): WithSubquery {
  return claim?.source ?? oneRow(ctx);
}

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

  // A new key is claimed; an expired one is forgotten, so the same key starts afresh (the row
  // is replaced, in the same statement). A live one is not touched: no row comes back.
  const claiming = () =>
    ctx.db
      .insert(idempotencyKeys)
      .values({
        secretKey: request.secretKey,
        key,
        method: request.method,
        path: request.path,
        requestHash,
        createdAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + KEY_LIFETIME_MS),
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
        setWhere: lte(idempotencyKeys.expiresAt, ctx.now),
      })
      .returning({ createdAt: idempotencyKeys.createdAt });
  const storeAnswer = (answer: ApiAnswer, onlyIf?: SQL) =>
    ctx.db
      .update(idempotencyKeys)
      .set({ responseStatus: answer.status, responseBody: answer.body })
      .where(and(where, onlyIf));

  let held = false;
  let stored = false;
  const claimFrom = (source: WithSubquery, deferred: boolean): IdempotencyClaim => ({
    source,
    confirm: (rows) => {
      if (!deferred) return;
      if (rows === 0) throw new KeyNotOurs();
      held = true;
    },
    storeAnswerWith: storeAnswer,
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
  const claimNow = async () => (await claiming()).length > 0;

  if (options.claimInFirstRead) {
    try {
      const answer = await attempt(
        claimFrom(ctx.db.$with("claimed", {}).as(claiming().getSQL()), true),
      );
      if (held || (await claimNow())) {
        if (!stored) await storeAnswer(answer);
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

  const answer = await attempt(claimFrom(oneRow(ctx), false));
  if (!stored) await storeAnswer(answer);
  return answer;
}
