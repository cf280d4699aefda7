"use client";

import { useRef, useState, type ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

/** "14900" → "14,900" (digits only; anything else typed is dropped). */
export function groupWonDigits(text: string): string {
  const digits = text.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A won amount typed the way it is read: "14,900" with 원 after it. The form still posts the
 * text; the server strips the commas (lib/admin/plan-input.ts), so a pasted "14900" or a
 * browser without JavaScript works the same.
 */
export function WonInput({
  defaultValue,
  className,
  ...props
}: Omit<ComponentProps<"input">, "defaultValue" | "value" | "onChange" | "type"> & {
  defaultValue: string;
}) {
  const [text, setText] = useState(() => groupWonDigits(defaultValue) || defaultValue);
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className="relative">
      <input
        {...props}
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          const input = event.currentTarget;
          // Keep the caret after the same digit once commas are added or removed.
          const caret = input.selectionStart ?? input.value.length;
          const digitsBefore = input.value.slice(0, caret).replace(/\D/g, "").length;
          const next = groupWonDigits(input.value);
          setText(next);
          requestAnimationFrame(() => {
            const el = ref.current;
            if (!el || document.activeElement !== el) return;
            let pos = 0;
            for (let seen = 0; pos < next.length && seen < digitsBefore; pos++) {
              if (/\d/.test(next[pos]!)) seen++;
            }
            el.setSelectionRange(pos, pos);
          });
        }}
        className={cx(controlClasses, "pr-9 text-right tabular-nums", className)}
      />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute inset-y-0 right-3.5 flex items-center text-base text-muted"
      >
        원
      </span>
    </div>
  );
}
