import { ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { containsPattern } from "./page-ids";

// "Part of the customer's email or name" for the admin lists, fast at a million customers.
//
// The customers are found first, in users alone, through its trigram indexes (pg_trgm; three or
// more characters) or, for a two-character Korean name part such as "민준", which has no
// trigram, through the name-bigram index (migration 0016). A list then filters its own rows by
// user id: with up to MATCH_LIMIT customers by their ids (an index lookup each, however old
// their rows), with more — a common text like "naver" — by checking each row's customer while
// PostgreSQL walks the list's own order, where matches are frequent enough to fill a page soon.
// Such a search counts its matches only up to SEARCH_COUNT_CAP ("100건 이상"): at one customer in
// two hundred (the fewest that take this way), counting a thousand would mean checking two
// hundred thousand rows.

const MATCH_LIMIT = 5_000;

/** How far a search matching more than MATCH_LIMIT customers counts its rows. */
export const SEARCH_COUNT_CAP = 100;

const HANGUL = /[\uac00-\ud7a3]/;

// How a customer is found in users (through an index), and how one row's customer is checked
// (plain ILIKE on the one row its primary key reads).
function customerConditions(text: string): { lookup: SQL; check: SQL } {
  const like = containsPattern(text);
  // Emails are ASCII (lower-cased addresses): a Hangul text can only be part of a name.
  if (HANGUL.test(text)) {
    const check = ilike(users.name, like);
    return text.length === 2
      ? {
          lookup: sql`(admin_name_bigrams(${users.name}) @> array[lower(${text})] and ${check})`,
          check,
        }
      : { lookup: check, check };
  }
  const both = or(ilike(users.email, like), ilike(users.name, like))!;
  return { lookup: both, check: both };
}

export type CustomerSearch = {
  /** The matching customers' ids, when there are at most MATCH_LIMIT of them; else null. */
  ids: string[] | null;
  /** A condition on `userId` (a column holding users.id): the row is one of theirs. */
  of: (userId: PgColumn) => SQL;
};

/** The customers whose email or name contains `text`. */
export async function customerSearch(executor: Executor, text: string): Promise<CustomerSearch> {
  const { lookup, check } = customerConditions(text);
  const found = await executor
    .select({ id: users.id })
    .from(users)
    .where(lookup)
    .limit(MATCH_LIMIT + 1);
  if (found.length <= MATCH_LIMIT) {
    const ids = found.map((row) => row.id);
    return { ids, of: (userId) => (ids.length === 0 ? sql`false` : inArray(userId, ids)) };
  }
  // Checked row by row (a correlated lookup by primary key, which PostgreSQL neither hashes nor
  // flattens): a hashed IN would first read every matching customer, a sixth of them for "naver".
  return {
    ids: null,
    of: (userId) => sql`(select ${check} from ${users} where ${users.id} = ${userId})`,
  };
}
