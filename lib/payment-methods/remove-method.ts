import { and, eq, ne } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentMethods, subscriptionEvents, subscriptions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { methodInputOf } from "./method-input";

/**
 * The customer (or an admin) removes the active payment method: the key is deleted at the
 * provider first, then marked removed here. The subscription keeps running until its next
 * charge finds no usable method, which starts dunning and asks for a new one.
 */
export async function removeMethod(input: {
  userId: string;
  methodId: string;
  actor: string;
  now?: Date;
  providerFor?: ProviderFor;
}): Promise<void> {
  const now = input.now ?? new Date();
  const [method] = await db()
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, input.methodId), eq(paymentMethods.userId, input.userId)));
  if (!method || method.status !== "active" || !method.billingKeyCiphertext) {
    throw new AppError("not_found", `no active payment method ${input.methodId}`, {
      userMessage: "삭제할 결제수단이 없어요. 화면을 새로고침해 주세요.",
    });
  }
  const providerFor = input.providerFor ?? defaultProviderFor;
  const removed = await providerFor(method.provider).removeMethod(
    methodInputOf(method, method.billingKeyCiphertext),
  );
  if (removed.outcome !== "succeeded") {
    throw new AppError("provider_error", `removeMethod failed: ${removed.merchantMessage}`, {
      userMessage: removed.customerMessage,
    });
  }
  // Lock order as in every billing path (lib/subscriptions/lock-subscription.ts): the live
  // subscription first, then the method. A first charge settling at this moment holds the
  // subscription and may update the method; taking them the other way round deadlocks.
  await db().transaction(async (tx) => {
    const [live] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, input.userId), ne(subscriptions.status, "canceled")))
      .for("update");
    await tx
      .update(paymentMethods)
      // checkoutLinks: already null since activation; cleared again so no ending keeps them.
      .set({ status: "removed", removedAt: now, checkoutLinks: null, updatedAt: now })
      .where(and(eq(paymentMethods.id, method.id), eq(paymentMethods.status, "active")));
    if (live) {
      await tx.insert(subscriptionEvents).values({
        subscriptionId: live.id,
        type: "payment_method_removed",
        actor: input.actor,
        data: { paymentMethodId: method.id },
        createdAt: now,
      });
    }
  });
}
