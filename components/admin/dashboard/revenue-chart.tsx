import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RevenueSeries } from "@/lib/admin/revenue-by-day";
import { formatKRW } from "@/lib/format";

// Revenue per day as server-rendered SVG bars (no chart library, no client JavaScript), with
// the same numbers as a table for screen readers and for anyone who wants the exact figures.
// The SVG stretches to the card's width; labels are HTML so they stay crisp and readable.

const BAR_SLOT = 10; // viewBox units per day
const BAR_WIDTH = 7;
const HEIGHT = 100;

function monthDay(day: string): string {
  const [, month, date] = day.split("-");
  return `${Number(month)}월 ${Number(date)}일`;
}

export function RevenueChart({ series, label }: { series: RevenueSeries; label: string }) {
  const { days } = series;
  const top = Math.max(0, ...days.map((d) => d.net));
  const bottom = Math.min(0, ...days.map((d) => d.net));
  const span = top - bottom || 1;
  const zeroY = (top / span) * HEIGHT;
  const best = days.reduce<(typeof days)[number] | null>(
    (acc, d) => (d.net > (acc?.net ?? 0) ? d : acc),
    null,
  );
  const first = days[0];
  const middle = days[Math.floor(days.length / 2)];
  const last = days.at(-1);
  const summary = [
    `${label} 순매출 ${formatKRW(series.totalNet)}`,
    best ? `가장 많은 날 ${monthDay(best.day)} ${formatKRW(best.net)}` : "매출이 있는 날이 없어요",
  ].join(", ");

  return (
    <figure className="space-y-3">
      <div className="flex gap-2">
        <div
          aria-hidden="true"
          className="flex w-16 shrink-0 flex-col justify-between text-right text-xs tabular-nums text-muted"
        >
          <span>{formatKRW(top)}</span>
          <span>{formatKRW(bottom)}</span>
        </div>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${days.length * BAR_SLOT} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-40 w-full min-w-0 overflow-visible rounded-md bg-surface-muted/60 sm:h-48"
        >
          <line
            x1={0}
            x2={days.length * BAR_SLOT}
            y1={zeroY}
            y2={zeroY}
            className="stroke-border-strong"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
          {days.map((d, i) => {
            const height = (Math.abs(d.net) / span) * HEIGHT;
            return (
              <rect
                key={d.day}
                x={i * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) / 2}
                y={d.net >= 0 ? zeroY - height : zeroY}
                width={BAR_WIDTH}
                height={Math.max(height, d.net === 0 ? 0 : 0.8)}
                className={d.net >= 0 ? "fill-primary" : "fill-danger"}
              >
                <title>{`${monthDay(d.day)}: 순매출 ${formatKRW(d.net)} (결제 ${formatKRW(d.gross)}, 환불 ${formatKRW(d.refunded)})`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <div aria-hidden="true" className="ml-[4.5rem] flex justify-between text-xs text-muted">
        <span>{first && monthDay(first.day)}</span>
        <span>{middle && monthDay(middle.day)}</span>
        <span>{last && monthDay(last.day)}</span>
      </div>
      <figcaption>
        <dl className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-3 sm:gap-2">
          {(
            [
              ["결제", series.totalGross],
              ["환불", series.totalRefunded],
              ["순매출", series.totalNet],
            ] as const
          ).map(([term, amount]) => (
            <div key={term} className="flex justify-between gap-2 sm:block">
              <dt className="text-muted">{term}</dt>
              <dd className="font-bold tabular-nums">{formatKRW(amount)}</dd>
            </div>
          ))}
        </dl>
      </figcaption>
      <details className="group">
        <summary className="inline-flex min-h-touch cursor-pointer items-center text-sm font-bold text-primary">
          날짜별 금액 표로 보기
        </summary>
        <Table
          caption={`${label} 날짜별 매출`}
          captionHidden
          className="mt-2 max-h-96 overflow-y-auto"
          tableClassName="min-w-[28rem]"
        >
          <THead>
            <TR>
              <TH>날짜</TH>
              <TH className="text-right">결제</TH>
              <TH className="text-right">환불</TH>
              <TH className="text-right">순매출</TH>
            </TR>
          </THead>
          <TBody>
            {[...days].reverse().map((d) => (
              <TR key={d.day}>
                <TD>
                  <time dateTime={d.day}>{monthDay(d.day)}</time>
                </TD>
                <TD className="text-right tabular-nums">{formatKRW(d.gross)}</TD>
                <TD className="text-right tabular-nums">{formatKRW(d.refunded)}</TD>
                <TD className="text-right font-bold tabular-nums">{formatKRW(d.net)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </details>
    </figure>
  );
}
