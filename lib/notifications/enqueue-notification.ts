import { sql } from "drizzle-orm";
import { insertJsonRows, nameOf } from "@/lib/db/json-rows";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import type { Executor } from "@/lib/db/client";
import { notifications, type MerchantSettings, type Notification } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { deliverNotificationsSoon } from "./deliver-soon";
import { renderNotification, type NotificationContent, type TemplateContext } from "./templates";

// The outbox (lib/db/schema/operations.ts `notifications`): callers write the notification in
// the same transaction as the change it reports, and deliver-notifications.ts sends it later.
// The dedupe key comes from what caused the notification (an attempt id, a consent id), and the
// insert does nothing when the key exists, so a retried or re-run step never notifies twice.
// Inside a request, a delivery pass is scheduled for after the response (deliver-soon.ts), by
// which time the caller's transaction has committed; elsewhere the cron delivers.

export type EnqueueNotificationInput = NotificationContent & {
  userId: string;
  subscriptionId?: string | null;
  // Another address than the user's (notifications.recipient): a new address being confirmed.
  recipient?: string | null;
  // Derived from durable state, e.g. dedupeKeyFor("receipt", attempt.id).
  dedupeKey: string;
  // Not delivered before this moment (default: `now`).
  sendAfter?: Date;
  // The clock of the step that causes it (the cron's injectable now); default: the database's.
  now?: Date;
};

/** "receipt:<attempt id>", "consent_request:<consent id>": one notification per cause. */
export function dedupeKeyFor(kind: NotificationContent["kind"], ...cause: (string | number)[]) {
  return [kind, ...cause].join(":");
}

// Read once per transaction: a billing run settles dozens of charges in one transaction, each
// writing a receipt, and the settings row cannot usefully change under it. Outside a transaction
// (db() itself) it is read every time, so a changed business name shows in the next email.
const contextOfTransaction = new WeakMap<Executor, Promise<TemplateContext>>();

export function templateContextFor(tx: Executor): Promise<TemplateContext> {
  if (!("rollback" in tx)) return readTemplateContext(tx);
  let context = contextOfTransaction.get(tx);
  if (!context) {
    context = readTemplateContext(tx);
    contextOfTransaction.set(tx, context);
  }
  return context;
}

async function readTemplateContext(tx: Executor): Promise<TemplateContext> {
  return templateContextOf(await loadMerchantSettings(tx));
}

/** What the templates read of the settings row (the business's name and contacts). */
export function templateContextOf(settings: MerchantSettings): TemplateContext {
  return {
    appUrl: getEnv().APP_URL,
    businessName: settings.businessName,
    supportEmail: settings.supportEmail,
    supportPhone: settings.supportPhone,
  };
}

/**
 * Renders the Korean subject/body for `kind` + `data` and writes the outbox row. Returns the row,
 * or null when a notification with the same dedupe key already exists (nothing is written).
 */
export async function enqueueNotification(
  tx: Executor,
  input: EnqueueNotificationInput,
): Promise<Notification | null> {
  const [row] = await tx
    .insert(notifications)
    .values(outboxRow(input, await templateContextFor(tx)))
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  if (row) deliverNotificationsSoon();
  return row ?? null;
}

/**
 * enqueueNotification for several notifications in one statement (the billing run's group
 * commit writes a receipt per settled charge): the same rows, and each is skipped when its dedupe
 * key exists. Returns how many were written. `context`: the settings as the caller already read
 * them (the billing run reads them once at its start), instead of a read in this transaction.
 */
export async function enqueueNotifications(
  tx: Executor,
  inputs: EnqueueNotificationInput[],
  context?: TemplateContext,
): Promise<number> {
  if (inputs.length === 0) return 0;
  context ??= await templateContextFor(tx);
  const rows = inputs.map((input) => outboxRow(input, context));
  // Rows that name the same columns go in one statement (a billing run's receipts all do).
  const shapes = new Map<string, typeof rows>();
  for (const row of rows) {
    const shape = Object.keys(row).join(",");
    shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
  }
  const written = await Promise.all(
    [...shapes.values()].map((group) =>
      tx.execute<{ id: string }>(
        insertJsonRows(
          notifications,
          group,
          sql`on conflict (${sql.identifier(nameOf(notifications.dedupeKey))}) do nothing returning id`,
        ),
      ),
    ),
  );
  const count = written.reduce((sum, result) => sum + result.length, 0);
  if (count > 0) deliverNotificationsSoon();
  return count;
}

function outboxRow(input: EnqueueNotificationInput, context: TemplateContext) {
  const content = { kind: input.kind, data: input.data } as NotificationContent;
  const { subject, body } = renderNotification(content, context);
  return {
    userId: input.userId,
    subscriptionId: input.subscriptionId ?? null,
    recipient: input.recipient ?? null,
    kind: input.kind,
    dedupeKey: input.dedupeKey,
    subject,
    body,
    // Dates become ISO strings in jsonb.
    data: JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>,
    ...(input.sendAfter || input.now ? { sendAfter: input.sendAfter ?? input.now } : {}),
    ...(input.now ? { createdAt: input.now } : {}),
  };
}
