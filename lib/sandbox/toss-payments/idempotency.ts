import { createHash } from "node:crypto";
import { type SQL, type SQLWrapper, and, eq, lte, sql } from "drizzle-orm";
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
 * request costs a round trip less.
 */
export type IdempotencyClaim = {
  /** The update that stores `answer` for this key where `onlyIf` holds, to embed in a write. */
  storeAnswerWith(answer: ApiAnswer, onlyIf: SQL): SQLWrapper;
  /** Says the embedded update ran: the answer is not written again. */
  markStored(): void;
};

/** The answer a TossPaymentsError stands for. */
export function errorAnswer(error: TossPaymentsError): ApiAnswer {
  return { status: error.httpStatus, body: error.body() };
}

function answerOf(error: unknown): ApiAnswer {
  if (error instanceof TossPaymentsError) return errorAnswer(error);
  throw error;
}

/** Runs `run` once per key; an operation's TossPaymentsError is an answer like any other. */
export async function withIdempotency(
  ctx: TossPaymentsContext,
  request: IdempotentRequest,
  run: (claim: IdempotencyClaim | null) => Promise<ApiAnswer>,
): Promise<ApiAnswer> {
  const runToAnswer = (claim: IdempotencyClaim | null) => run(claim).catch(answerOf);
  if (request.key === null) return runToAnswer(null);
  if (request.key.length === 0 || request.key.length > MAX_KEY_LENGTH) {
    throw new TossPaymentsError("INVALID_IDEMPOTENCY_KEY");
  }
  const where = and(
    eq(idempotencyKeys.secretKey, request.secretKey),
    eq(idempotencyKeys.key, request.key),
    eq(idempotencyKeys.method, request.method),
    eq(idempotencyKeys.path, request.path),
  );
  const requestHash = createHash("sha256").update(request.bodyText).digest("hex");

  // A new key is claimed; an expired one is forgotten, so the same key starts afresh (the row
  // is replaced, in the same statement: one round trip per request). A live one is not touched.
  const [claimed] = await ctx.db
    .insert(idempotencyKeys)
    .values({
      secretKey: request.secretKey,
      key: request.key,
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
  if (!claimed) {
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
  }

  const storeAnswer = (answer: ApiAnswer, onlyIf?: SQL) =>
    ctx.db
      .update(idempotencyKeys)
      .set({ responseStatus: answer.status, responseBody: answer.body })
      .where(and(where, onlyIf));
  let stored = false;
  const claim: IdempotencyClaim = {
    storeAnswerWith: storeAnswer,
    markStored: () => {
      stored = true;
    },
  };

  let answer: ApiAnswer;
  try {
    answer = await runToAnswer(claim);
  } catch (error) {
    // Not an answer Toss would give (a sandbox bug, a lost database): forget the key, so a
    // retry runs again rather than waiting for ABANDONED_AFTER_MS.
    await ctx.db.delete(idempotencyKeys).where(where);
    throw error;
  }
  if (!stored) await storeAnswer(answer);
  return answer;
}
