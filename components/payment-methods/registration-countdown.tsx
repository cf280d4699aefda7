"use client";

import { useEffect, useState } from "react";
import { cx } from "@/components/ui/cx";

function secondsLeft(expiresAt: number): number {
  return Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
}

function mmss(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

// Spoken once each, not every second: a ticking live region would drown everything else.
const MILESTONES: Record<number, string> = {
  300: "등록 가능 시간이 5분 남았어요.",
  60: "등록 가능 시간이 1분 남았어요.",
  0: "등록 가능 시간이 지났어요.",
};

/** The Toss app link's remaining life (15 minutes from registration), counted down live. */
export function RegistrationCountdown({
  expiresAt,
  action,
}: {
  expiresAt: string;
  /** What to do before the time runs out: "토스 앱에서 승인해 주세요." */
  action: string;
}) {
  const end = Date.parse(expiresAt);
  const [left, setLeft] = useState(() => secondsLeft(end));
  const [spoken, setSpoken] = useState("");

  useEffect(() => {
    let previous = secondsLeft(end);
    const timer = window.setInterval(() => {
      const now = secondsLeft(end);
      for (const mark of Object.keys(MILESTONES).map(Number)) {
        if (previous > mark && now <= mark) setSpoken(MILESTONES[mark] ?? "");
      }
      previous = now;
      setLeft(now);
      if (now === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [end]);

  return (
    <div
      className={cx(
        "flex flex-wrap items-center gap-x-2 gap-y-1 rounded-xl px-4 py-3 text-sm",
        left > 60 ? "bg-surface-muted" : "bg-warning/10",
      )}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className={cx("size-5 shrink-0", left > 60 ? "text-muted" : "text-warning")}
      >
        <path
          fillRule="evenodd"
          clipRule="evenodd"
          d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .2.08.39.22.53l3 3a.75.75 0 1 0 1.06-1.06l-2.78-2.78V5Z"
        />
      </svg>
      {left > 0 ? (
        <p>
          <span
            role="timer"
            // The server's clock and the browser's differ by a second or two.
            suppressHydrationWarning
            className="font-bold tabular-nums text-foreground"
          >
            {mmss(left)}
          </span>{" "}
          {/* "남았어요": a bare "15:00 안에" reads as a clock time (3 p.m.). */}
          <span className="text-foreground">남았어요.</span>{" "}
          <span className="text-muted">{action}</span>
        </p>
      ) : (
        <p className="font-bold text-warning">등록 가능 시간이 지났어요. 결과를 확인하고 있어요.</p>
      )}
      <p className="sr-only" aria-live="polite">
        {spoken}
      </p>
    </div>
  );
}
