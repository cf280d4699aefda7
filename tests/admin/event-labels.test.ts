// The event log's Korean labels. The outcome sentences are read from the source of
// handle-provider-event.ts itself (every string or template given as an `outcome`), so an
// outcome added there without a Korean label here fails this file.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPE_LABELS,
  EVENT_TYPE_OPTIONS,
  eventTypeLabel,
  outcomeLabel,
} from "@/lib/admin/event-labels";

const SOURCE = path.join(process.cwd(), "lib/payment-methods/handle-provider-event.ts");

/** Every literal an `outcome:` property (or `outcome ?? "…"`) can take, `${…}` → "x1". */
function outcomeTemplates(): string[] {
  const file = ts.createSourceFile(SOURCE, readFileSync(SOURCE, "utf8"), ts.ScriptTarget.Latest);
  const found: string[] = [];
  // The values an expression can take: literals, templates, both arms of a ternary and the
  // fallback of `??` (never the ternary's condition: "settled" there is a comparison).
  const collect = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      found.push(node.head.text + node.templateSpans.map((s) => `x1${s.literal.text}`).join(""));
    } else if (ts.isConditionalExpression(node)) {
      collect(node.whenTrue);
      collect(node.whenFalse);
    } else if (ts.isParenthesizedExpression(node)) {
      collect(node.expression);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
    ) {
      collect(node.right);
    }
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "outcome"
    ) {
      collect(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...new Set(found)];
}

describe("outcomeLabel", () => {
  const templates = outcomeTemplates();

  it("reads the outcome sentences from the handler", () => {
    expect(templates.length).toBeGreaterThanOrEqual(20);
    expect(templates).toContain("ignored: no charge of ours has this order id");
  });

  it.each(templates)("labels %j in Korean", (template) => {
    const label = outcomeLabel(template);
    expect(label?.known).toBe(true);
    expect(label?.text).toMatch(/[가-힣]/);
  });

  it("names the common results briefly", () => {
    expect(outcomeLabel("already active: payment method 3f2a")?.text).toBe("이미 등록된 결제수단");
    expect(outcomeLabel("ignored: no charge of ours has this order id")?.text).toBe(
      "우리 결제가 아니라 무시",
    );
    expect(
      outcomeLabel(
        "deferred: provider checks for payment method 3f2a are throttled; the next delivery or the registration sweep handles it (retry after 30 s)",
      )?.text,
    ).toBe("결제사 확인 대기");
    expect(outcomeLabel("settled charge ord_1 (succeeded)")?.text).toBe("결제 결과 반영 · 성공");
    expect(outcomeLabel("settled charge ord_1 (failed)")?.text).toBe("결제 결과 반영 · 실패");
    expect(outcomeLabel("error: connect ECONNREFUSED")?.text).toBe("처리 중 오류");
    expect(outcomeLabel("rejected: body is not JSON")?.text).toBe("형식 오류로 거부");
    expect(outcomeLabel("ignored: payment method 3f2a is already reported removed")?.text).toBe(
      "이미 해지 신고됨",
    );
  });

  it("shows an unknown sentence as written, marked unknown", () => {
    expect(outcomeLabel("something new happened")).toEqual({
      text: "something new happened",
      known: false,
    });
    expect(outcomeLabel(null)).toBeNull();
  });
});

describe("event type labels", () => {
  it("labels every type the providers send, and falls back to the raw type", () => {
    expect(eventTypeLabel("ACTIVATED")).toBe("결제수단 등록 완료");
    expect(eventTypeLabel("Transaction.PartialCancelled")).toBe("결제 부분 취소");
    expect(eventTypeLabel("Something.New")).toBe("Something.New");
  });

  it("offers one distinct option per type in the filter", () => {
    const labels = EVENT_TYPE_OPTIONS.map((o) => o.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(EVENT_TYPE_OPTIONS.map((o) => o.value)).toEqual(Object.keys(EVENT_TYPE_LABELS));
  });
});
