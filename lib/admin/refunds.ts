import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { chargeAttempts, refunds, refundStatus, users, type Refund } from "@/lib/db/schema";
import { listParamsParser, optionalEnum, optionalText, seoulDateRange } from "./list/search-params";
import type { Executor } from "@/lib/db/client";
import { customerSearch } from "./list/customer-search";
import { type ListRow, pagedList, withinSeoulDays } from "./list/page-ids";

// The admin's refund list: every refund we asked a provider for, newest first, with the charge
// it belongs to, who asked, and what the provider answered.

export const parseRefundListParams = listParamsParser({
  status: optionalEnum(refundStatus.enumValues),
  ...seoulDateRange,
  // Refund number, order id (exact) or part of the customer's email or name.
  q: optionalText,
});

export type RefundListParams = ReturnType<typeof parseRefundListParams>;

export const REFUND_STATUS_LABELS: Record<Refund["status"], string> = {
  pending: "요청 기록됨",
  unknown: "결과 확인 필요",
  succeeded: "환불 완료",
  failed: "실패",
};

export type RefundRow = ListRow<typeof listRefunds>;

const requester = alias(users, "requester");

async function refundConditions(
  params: RefundListParams,
  executor: Executor,
): Promise<SQL | undefined> {
  const conditions: (SQL | undefined)[] = withinSeoulDays(refunds.createdAt, params);
  if (params.status) conditions.push(eq(refunds.status, params.status));
  if (params.q) {
    // The customers are found first (lib/admin/list/customer-search.ts); a few customers' refunds
    // are then looked up through their charges, many customers' checked refund by refund.
    const customers = await customerSearch(executor, params.q);
    const c = chargeAttempts;
    if (customers.ids !== null) {
      // Each way in through its own index, joined: a refund number, an order id, or the
      // charges of a few customers.
      conditions.push(
        sql`${refunds.id} in (
          select ${refunds.id} from ${refunds} where ${refunds.refundNo} = ${params.q}
          union
          select ${refunds.id} from ${refunds} join ${c} on ${c.id} = ${refunds.chargeAttemptId}
          where ${c.orderId} = ${params.q} or ${customers.of(c.userId)})`,
      );
      return and(...conditions);
    }
    const ofOrder = sql`${refunds.chargeAttemptId} in (select ${c.id}
      from ${c} where ${c.orderId} = ${params.q})`;
    const ofCustomers = sql`exists (select 1 from ${c}
      where ${c.id} = ${refunds.chargeAttemptId} and ${customers.of(c.userId)})`;
    conditions.push(or(eq(refunds.refundNo, params.q), ofOrder, ofCustomers));
  }
  return and(...conditions);
}

export const listRefunds = pagedList({
  table: refunds,
  newestFirst: refunds.createdAt,
  where: refundConditions,
  select: (executor) =>
    executor
      .select({
        id: refunds.id,
        refundNo: refunds.refundNo,
        amount: refunds.amount,
        amountTaxFree: refunds.amountTaxFree,
        reason: refunds.reason,
        status: refunds.status,
        providerTransactionId: refunds.providerTransactionId,
        refundableAfter: refunds.refundableAfter,
        errorCode: refunds.errorCode,
        errorMessage: refunds.errorMessage,
        createdAt: refunds.createdAt,
        completedAt: refunds.completedAt,
        chargeAttemptId: refunds.chargeAttemptId,
        orderId: chargeAttempts.orderId,
        chargeAmount: chargeAttempts.amount,
        // KRW, all succeeded refunds of the charge so far.
        chargeRefundedAmount: chargeAttempts.refundedAmount,
        subscriptionId: chargeAttempts.subscriptionId,
        customerEmail: users.email,
        customerName: users.name,
        requestedByEmail: requester.email,
        requestedByName: requester.name,
      })
      .from(refunds)
      .innerJoin(chargeAttempts, eq(chargeAttempts.id, refunds.chargeAttemptId))
      .innerJoin(users, eq(users.id, chargeAttempts.userId))
      .leftJoin(requester, eq(requester.id, refunds.requestedByUserId))
      .$dynamic(),
});
