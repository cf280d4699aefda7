import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { providerEvents } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { reprocessProviderEvent } from "@/lib/payment-methods/handle-provider-event";
import { asActor, type AdminActor } from "./admin-actor";
import { recordAudit } from "@/lib/audit/record-audit";

// The admin's "다시 처리" on a provider event: re-runs its processing (which finds the method by
// the billing key fingerprint the log kept, re-confirms with the provider and is idempotent, so
// an event that already took effect changes nothing), and records who did it with the outcome
// before and after.

export type ReprocessResult = { outcome: string; verified: boolean };

function snapshot(row: typeof providerEvents.$inferSelect) {
  return {
    outcome: row.outcome,
    verified: row.verified,
    error: row.error,
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

export async function reprocessEventAsAdmin(
  eventId: string,
  actor: AdminActor,
  now = new Date(),
): Promise<ReprocessResult> {
  const [before] = await db().select().from(providerEvents).where(eq(providerEvents.id, eventId));
  if (!before) throw new AppError("not_found", `Provider event ${eventId} does not exist.`);
  if (before.eventType === "invalid") {
    throw new AppError(
      "conflict",
      `Provider event ${eventId} was rejected on arrival (${before.outcome ?? "invalid"}); there is nothing to re-run.`,
      { userMessage: "형식이 잘못돼 거부된 이벤트는 다시 처리할 수 없어요." },
    );
  }

  // Recorded whether the re-run worked or threw, with what the event looked like before.
  const audit = (afterState: Record<string, unknown>) =>
    recordAudit(db(), {
      actor: asActor(actor),
      action: "provider_event.reprocess",
      targetType: "provider_event",
      targetId: eventId,
      before: snapshot(before),
      after: afterState,
    });

  let result: ReprocessResult;
  try {
    const rerun = await reprocessProviderEvent(eventId, now);
    if (!rerun) throw new Error("the event disappeared while it was re-run");
    result = { outcome: rerun.outcome, verified: rerun.verified };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await audit({ error: message });
    throw new AppError(
      "provider_error",
      `Re-running provider event ${eventId} failed: ${message}`,
      {
        userMessage: `다시 처리하지 못했어요: ${message}`,
        cause: error,
      },
    );
  }

  const [after] = await db().select().from(providerEvents).where(eq(providerEvents.id, eventId));
  await audit(after ? snapshot(after) : result);
  return result;
}
