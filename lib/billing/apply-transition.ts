import { eq, getTableColumns, type SQL } from "drizzle-orm";
import { insertJsonRows, jsonRowColumn, jsonRows } from "@/lib/db/json-rows";
import type { ActorString } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import {
  transition,
  type TransitionEvent,
  type TransitionResult,
} from "./subscription-transitions";

/**
 * Applies a state transition to a subscription row that the caller has locked (or just
 * read inside the same transaction) and records it in the subscription's history.
 * Returns the updated row.
 */
export async function applyTransition(
  tx: Executor,
  sub: Subscription,
  event: TransitionEvent,
  actor: ActorString,
  extraData: Record<string, unknown> = {},
): Promise<Subscription> {
  return applyChange(tx, sub, transition(sub, event), event.now, actor, extraData);
}

/**
 * Writes a computed transition (lib/billing/subscription-transitions.ts) and its history entry.
 * The two statements do not depend on each other, so they are sent together (postgres.js
 * pipelines them on the transaction's connection: one round trip instead of two).
 */
export async function applyChange(
  tx: Executor,
  sub: Subscription,
  change: TransitionResult,
  now: Date,
  actor: ActorString,
  extraData: Record<string, unknown> = {},
): Promise<Subscription> {
  const [[updated]] = await Promise.all([
    tx
      .update(subscriptions)
      .set(change.patch)
      .where(eq(subscriptions.id, sub.id))
      .returning({ id: subscriptions.id }),
    tx.insert(subscriptionEvents).values(eventRow({ sub, change, actor, extraData }, now)),
  ]);
  if (!updated) throw new Error(`subscription ${sub.id} vanished during ${change.type}`);
  // The row as written: the caller holds its lock, and the patch is all that changed.
  return { ...sub, ...change.patch };
}

export type Change = {
  sub: Subscription;
  change: TransitionResult;
  actor: ActorString;
  extraData?: Record<string, unknown>;
};

/**
 * applyChange for several subscriptions (locked by the caller, each at most once) in a constant
 * number of statements: one multi-row UPDATE per shape of patch (a batch of the same transition
 * has one) and one multi-row INSERT of their history entries, sent together. Returns the rows as
 * written, in order. The billing run's group commit uses it for its paid periods: per row it
 * writes exactly what applyChange would.
 */
export async function applyChanges(
  tx: Executor,
  changes: Change[],
  now: Date,
): Promise<Subscription[]> {
  if (changes.length === 0) return [];
  const byShape = new Map<string, Change[]>();
  for (const entry of changes) {
    const shape = Object.keys(entry.change.patch).sort().join(",");
    byShape.set(shape, [...(byShape.get(shape) ?? []), entry]);
  }
  const [updated] = await Promise.all([
    Promise.all([...byShape.values()].map((group) => updatePatches(tx, group))),
    tx.execute(
      insertJsonRows(
        subscriptionEvents,
        changes.map((entry) => eventRow(entry, now)),
      ),
    ),
  ]);
  const written = new Set(updated.flat());
  const vanished = changes.find(({ sub }) => !written.has(sub.id));
  if (vanished) {
    throw new Error(`subscription ${vanished.sub.id} vanished during ${vanished.change.type}`);
  }
  return changes.map(({ sub, change }) => ({ ...sub, ...change.patch }));
}

const subscriptionColumns = getTableColumns(subscriptions);

/**
 * UPDATE subscriptions SET <each patched column> = patched.<column> FROM <the patches as rows>
 * WHERE id = patched.id, for patches that all set the same columns.
 */
async function updatePatches(tx: Executor, group: Change[]): Promise<string[]> {
  const keys = Object.keys(group[0]!.change.patch) as (keyof typeof subscriptionColumns)[];
  const columns = keys.map((key) => subscriptionColumns[key]);
  const patched = jsonRows(
    "patched",
    [subscriptionColumns.id, ...columns],
    group.map(({ sub, change }) => [sub.id, ...keys.map((key) => change.patch[key])]),
  );
  const set: Partial<Record<keyof typeof subscriptionColumns, SQL>> = {};
  keys.forEach((key) => {
    set[key] = jsonRowColumn("patched", subscriptionColumns[key]);
  });
  const updated = await tx
    .update(subscriptions)
    .set(set)
    .where(eq(subscriptions.id, jsonRowColumn("patched", subscriptionColumns.id)))
    .from(patched)
    .returning({ id: subscriptions.id });
  return updated.map((row) => row.id);
}

function eventRow({ sub, change, actor, extraData = {} }: Change, now: Date) {
  return {
    subscriptionId: sub.id,
    type: change.type,
    fromStatus: change.from,
    toStatus: change.to,
    actor,
    data: { ...change.data, ...extraData },
    createdAt: now,
  };
}
