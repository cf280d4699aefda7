import { db } from "@/lib/db/client";
import { seoulDateKey, seoulTimestamp } from "@/lib/format";
import { adminActor, type SignedInAdmin } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  chargeStatusLabel,
  exportCharges,
  FAILURE_CATEGORY_LABELS,
  PROVIDER_LABELS,
  PURPOSE_LABELS,
  type ChargeFilters,
  type ChargeRow,
} from "./charges";
import { csvStream, type CsvColumn } from "./list/csv";

// The charge list as a CSV file for the merchant's accountant (issue 5): the same filters and
// order as the page, amounts as plain integers of won so a spreadsheet can sum them, times in
// Seoul time written the way Excel recognises a date-time.

/** "2026-02-01 09:05:07" in Asia/Seoul; empty for a time not reached yet. */
function csvTime(value: Date | null): string | null {
  return value ? seoulTimestamp(value) : null;
}

export const CHARGE_CSV_COLUMNS: readonly CsvColumn<ChargeRow>[] = [
  { header: "결제 시도 일시", value: (r) => csvTime(r.createdAt) },
  { header: "승인 일시", value: (r) => csvTime(r.approvedAt) },
  { header: "주문번호", value: (r) => r.orderId },
  { header: "상태", value: (r) => chargeStatusLabel(r) },
  { header: "구분", value: (r) => PURPOSE_LABELS[r.purpose] },
  { header: "회차", value: (r) => r.periodNumber },
  { header: "시도", value: (r) => r.attemptNumber },
  { header: "고객 이메일", value: (r) => r.email },
  { header: "고객 이름", value: (r) => r.customerName },
  { header: "요금제", value: (r) => r.planName },
  { header: "결제사", value: (r) => PROVIDER_LABELS[r.provider] },
  // Sandbox or test-key charges moved no money: the accountant must be able to leave them out.
  { header: "테스트 결제", value: (r) => (r.testMode ? "테스트" : null) },
  { header: "결제 금액(원)", value: (r) => r.amount },
  { header: "면세 금액(원)", value: (r) => r.amountTaxFree },
  { header: "환불 금액(원)", value: (r) => r.refundedAmount },
  {
    header: "환불 가능 금액(원)",
    value: (r) => (r.status === "succeeded" ? r.amount - r.refundedAmount : 0),
  },
  {
    header: "실패 구분",
    value: (r) => (r.failureCategory ? FAILURE_CATEGORY_LABELS[r.failureCategory] : null),
  },
  { header: "오류 코드", value: (r) => r.errorCode },
  { header: "오류 내용", value: (r) => r.errorMessage },
  { header: "결제사 결제번호", value: (r) => r.providerPaymentId },
  { header: "결제사 거래번호", value: (r) => r.providerTransactionId },
  { header: "영수증", value: (r) => r.receiptUrl },
];

export function chargesCsv(filters: ChargeFilters): ReadableStream<Uint8Array> {
  return csvStream(CHARGE_CSV_COLUMNS, exportCharges(filters));
}

/** "결제내역_2026-02-01.csv", in Seoul's date of the export. */
export function chargesCsvFileName(now = new Date()): string {
  return `결제내역_${seoulDateKey(now)}.csv`;
}

/** Exports carry customers' emails and names: who exported what is kept in the audit log. */
export async function recordChargesExport(
  actor: SignedInAdmin,
  filters: ChargeFilters,
): Promise<void> {
  await recordAudit(db(), {
    actor: adminActor(actor),
    action: "charges.export",
    targetType: "charge_attempt",
    targetId: null,
    after: { filters },
  });
}
