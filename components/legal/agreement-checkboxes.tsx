"use client";

import Link from "next/link";
import { useState } from "react";
import type { AgreementFieldErrors } from "@/lib/legal/agreement-messages";
import { PrivacyCollectionSummary } from "./privacy-collection-summary";

type Box = "agreeTerms" | "agreePrivacy" | "agreeMarketing";

export type AgreementValues = Partial<Record<Box, boolean>>;

const BOXES: { name: Box; label: string; href?: string; linkLabel?: string }[] = [
  {
    name: "agreeTerms",
    label: "[필수] 이용약관에 동의해요",
    href: "/terms",
    linkLabel: "이용약관",
  },
  {
    name: "agreePrivacy",
    label: "[필수] 개인정보 수집·이용에 동의해요",
    href: "/privacy",
    linkLabel: "개인정보처리방침",
  },
  { name: "agreeMarketing", label: "[선택] 마케팅 정보 수신에 동의해요 (혜택·이벤트 소식)" },
];

/**
 * 이용약관, 개인정보 수집·이용 (both required) and 마케팅 정보 수신 (optional, unticked until
 * the customer ticks it), each its own box, plus "전체 동의" as a shortcut that ticks them all.
 * Used by the sign-up form and the consent step; the server checks the required two again
 * (lib/legal/agreement-fields.ts). Ticked boxes send "agreed".
 */
export function AgreementCheckboxes({
  initial,
  errors,
  asked = ["agreeTerms", "agreePrivacy"],
}: {
  initial?: AgreementValues | undefined;
  errors?: AgreementFieldErrors | undefined;
  /** The required boxes to show: both at sign-up, the changed documents on the consent step. */
  asked?: readonly Box[];
}) {
  const [checked, setChecked] = useState<AgreementValues>(initial ?? {});
  const boxes = BOXES.filter((box) => box.name === "agreeMarketing" || asked.includes(box.name));
  const all = boxes.every((box) => checked[box.name]);

  return (
    <fieldset className="space-y-2 rounded-xl border border-border bg-surface-muted/60 p-4">
      <legend className="sr-only">약관 동의</legend>
      <label className="flex min-h-touch cursor-pointer items-center gap-3 border-b border-border pb-2 font-bold">
        <input
          type="checkbox"
          checked={all}
          onChange={(event) => {
            const value = event.target.checked;
            setChecked(Object.fromEntries(boxes.map((box) => [box.name, value])));
          }}
          className="size-5 shrink-0 cursor-pointer accent-primary"
        />
        <span>전체 동의 (선택 항목 포함)</span>
      </label>
      {boxes.map((box) => {
        const error = box.name === "agreeMarketing" ? undefined : errors?.[box.name];
        const errorId = `${box.name}-error`;
        return (
          <div key={box.name}>
            <div className="flex items-center justify-between gap-2">
              <label className="flex min-h-touch flex-1 cursor-pointer items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  name={box.name}
                  value="agreed"
                  checked={checked[box.name] ?? false}
                  onChange={(event) =>
                    setChecked((previous) => ({ ...previous, [box.name]: event.target.checked }))
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  className="size-5 shrink-0 cursor-pointer accent-primary"
                />
                <span>{box.label}</span>
              </label>
              {box.href && (
                <Link
                  href={box.href}
                  target="_blank"
                  className="shrink-0 text-xs text-muted underline underline-offset-4"
                >
                  <span className="sr-only">{box.linkLabel} </span>보기
                </Link>
              )}
            </div>
            {box.name === "agreePrivacy" && <PrivacyCollectionSummary />}
            {error && (
              <p id={errorId} className="mt-1 text-sm font-bold text-danger">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
