import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { providerSlots, type PaymentMethod } from "@/lib/db/schema";

// The statements behind the global per-provider cap (lib/db/schema/provider-slots.ts,
// docs/billing-fan-out.md). A run holds a block of slots for a while and runs that many requests
// at once without asking PostgreSQL again, so the cap costs a statement per renewal (seconds
// apart), not one per charge. Expiry is PostgreSQL's clock (now()), the same for every worker.

export type Provider = PaymentMethod["provider"];

/** Creates the provider's slot rows 0 … cap − 1 that do not exist yet (first use, a raised cap). */
export async function ensureProviderSlots(provider: Provider, cap: number): Promise<void> {
  await db().execute(sql`
    insert into ${providerSlots} (provider, slot)
    select ${provider}::payment_provider, n from generate_series(0, ${cap - 1}::int) as n
    on conflict do nothing`);
}

/**
 * Renews the slots `holder` still has and tops them up to `want` with free or lapsed ones, in one
 * statement; answers the slots it now holds. Slots at or above `cap` are neither renewed nor lent
 * (a lowered cap shrinks the holders at their next renewal). Free slots are taken with SKIP
 * LOCKED, so two workers topping up at once never get the same slot and never wait on each other.
 */
export async function leaseProviderSlots(input: {
  provider: Provider;
  holder: string;
  want: number;
  cap: number;
  ttlMs: number;
}): Promise<number[]> {
  const { provider, holder, cap } = input;
  const want = Math.max(0, Math.min(input.want, cap));
  const expires = sql`now() + ${input.ttlMs}::int * interval '1 millisecond'`;
  // The CTEs cannot see each other's writes: `free` excludes the holder's own rows so that no row
  // is written twice by one statement.
  const rows = await db().execute<{ slot: number }>(sql`
    with mine as (
      update ${providerSlots} set expires_at = ${expires}
      where provider = ${provider} and held_by = ${holder} and slot < ${cap}::int
      returning slot
    ), free as (
      select slot from ${providerSlots}
      where provider = ${provider} and slot < ${cap}::int
        and held_by is distinct from ${holder}
        and (held_by is null or expires_at < now())
      order by slot
      limit greatest(0, ${want}::int - (select count(*) from mine))
      for update skip locked
    ), taken as (
      update ${providerSlots} s set held_by = ${holder}, expires_at = ${expires}
      from free where s.provider = ${provider} and s.slot = free.slot
      returning s.slot
    )
    select slot from mine union all select slot from taken`);
  return rows.map((r) => r.slot);
}

/** Gives back every slot `holder` holds, of every provider (the end of a run). */
export async function releaseProviderSlots(holder: string): Promise<void> {
  await db().execute(sql`
    update ${providerSlots} set held_by = null, expires_at = null where held_by = ${holder}`);
}
