// The audit log in the merchant's words: every action the code records has a Korean name, and
// recorded fields read as "환불된 금액 0원 → 3,000원" rather than "chargeRefundedAmount 0 → 3000".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditTargetLabel } from "@/lib/admin/audit";
import {
  auditChangeLine,
  auditFieldLabel,
  auditSummary,
  formatAuditValue,
} from "@/lib/admin/audit-fields";

// The functions an audit action string is handed to, directly or through a wrapper.
const WRITERS =
  /recordAudit\(|recordRefundAudit\(|auditSubscriptionChange\(|saveScheduleChange\(|settingsSectionUpdater\(|saveMerchantSettings\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every "noun.verb" string literal in a file that hands actions to an audit writer. */
function recordedActions(): string[] {
  const root = process.cwd();
  const files = [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app"))]
    .filter((file) => !file.endsWith(path.join("lib", "admin", "audit.ts")))
    .filter((file) => WRITERS.test(readFileSync(file, "utf8")));
  const actions = files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!),
  );
  return [...new Set(actions)].sort();
}

describe("audit action labels", () => {
  const actions = recordedActions();

  it("finds the actions in the source", () => {
    expect(actions).toContain("settings.cash_receipt");
    expect(actions).toContain("refund.succeeded");
    expect(actions.length).toBeGreaterThanOrEqual(30);
  });

  it.each(actions)("names %s in Korean", (action) => {
    expect(AUDIT_ACTION_LABELS[action]).toMatch(/[가-힣]/);
  });

  it("names targets in Korean, unknown ones as written", () => {
    expect(auditTargetLabel("merchant_settings")).toBe("상점 설정");
    expect(auditTargetLabel("something_else")).toBe("something_else");
  });
});

describe("audit field formatting", () => {
  it("writes won amounts, Seoul dates, booleans and enums in Korean", () => {
    expect(formatAuditValue("refund", "chargeRefundedAmount", 3000)).toEqual({
      text: "3,000원",
      mono: false,
    });
    // 2026-01-06 05:00 UTC is 14:00 in Seoul.
    expect(
      formatAuditValue("subscription", "nextChargeAt", "2026-01-06T05:00:00.000Z").text,
    ).toMatch(/2026.*1.*6.*14:00/);
    expect(formatAuditValue("merchant_settings", "cashReceiptIssue", true).text).toBe("예");
    expect(formatAuditValue("merchant_settings", "cashReceiptIssue", false).text).toBe("아니요");
    expect(formatAuditValue("subscription", "status", "past_due").text).toBe(
      "결제 실패 · 재시도 중",
    );
    expect(formatAuditValue("refund", "status", "succeeded").text).toBe("환불 완료");
    expect(formatAuditValue("plan", "status", "archived").text).toBe("판매 중지");
    expect(formatAuditValue("merchant_settings", "dunningRetryDays", [1, 3, 5]).text).toBe(
      "1, 3, 5일째",
    );
    expect(
      formatAuditValue("merchant_settings", "enabledProviders", ["toss_pay", "portone"]).text,
    ).toBe("토스페이, 포트원");
    expect(
      formatAuditValue("provider_event", "outcome", "already active: payment method 1").text,
    ).toBe("이미 등록된 결제수단");
    expect(formatAuditValue("plan", "description", null).text).toBe("없음");
  });

  it("keeps unknown fields and unexpected values raw, in mono", () => {
    expect(auditFieldLabel("plan", "somethingNew")).toEqual({ text: "somethingNew", known: false });
    expect(formatAuditValue("plan", "somethingNew", { a: 1 })).toEqual({
      text: '{"a":1}',
      mono: true,
    });
    // A won field holding something that is not whole won is shown as it is, not guessed at.
    expect(formatAuditValue("plan", "amount", "9900")).toEqual({ text: "9900", mono: true });
  });

  it("sums a change up in one line", () => {
    expect(
      auditChangeLine("refund", {
        path: "chargeRefundedAmount",
        before: 0,
        after: 3000,
        change: "changed",
      }),
    ).toBe("환불된 금액 0원 → 3,000원");
    const summary = auditSummary(
      "refund",
      { status: "pending", chargeRefundedAmount: 0 },
      { status: "succeeded", chargeRefundedAmount: 3000, providerRefundableAmount: 7000 },
    );
    expect(summary.lines).toEqual([
      "환불된 금액 0원 → 3,000원",
      "환불 상태 요청 기록됨 → 환불 완료",
    ]);
    expect(summary.more).toBe(1);
  });
});
