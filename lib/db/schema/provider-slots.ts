import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { paymentProvider } from "./payment-methods";

// The global cap on requests in flight to each payment provider, shared by every billing run and
// fan-out worker, whatever process or function invocation it runs in (docs/billing-fan-out.md).
// One row per slot: slot n of a provider is free (held_by null), or lent to one run until
// expires_at. A run leases a block of slots in one statement (FOR UPDATE SKIP LOCKED, like the
// subscription claim), renews it while it runs and returns it at the end; a crashed run's slots
// lapse at expires_at. Only slots numbered below the configured cap are ever lent, so lowering
// the cap takes effect at the holders' next renewal. Rows are created on first use.
export const providerSlots = pgTable(
  "provider_slots",
  {
    provider: paymentProvider().notNull(),
    slot: integer().notNull(),
    // The billing run (cron_runs-style run id) holding the slot.
    heldBy: uuid(),
    expiresAt: timestamptz(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.slot] }),
    check("provider_slots_slot_non_negative", sql`${t.slot} >= 0`),
    check("provider_slots_held_until", sql`(${t.heldBy} is null) = (${t.expiresAt} is null)`),
  ],
);
