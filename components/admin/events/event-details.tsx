import type { ReactNode } from "react";
import { JsonView } from "@/components/admin/events/json-view";
import { ReprocessEventForm } from "@/components/admin/events/reprocess-event-form";
import { DisclosureChevron } from "@/components/admin/list/disclosure-chevron";
import { monoStyle } from "@/components/admin/list/mono";
import type { EventRow } from "@/lib/admin/events";
import { formatSeoulDateTime } from "@/lib/format";
import type { FormAction } from "@/lib/forms/form-result";

/**
 * Everything the log kept about one event, folded under its row: the outcome as processing
 * wrote it (English, for whoever debugs it), the error, timing, the dedupe key, where it came
 * from, the headers and the payload, and the 다시 처리 form.
 */
export function EventDetails({
  row,
  reprocess,
  summary = "자세히",
}: {
  row: EventRow;
  /** The 다시 처리 action; omitted for rows that cannot be processed (rejected bodies). */
  reprocess?: FormAction;
  summary?: ReactNode;
}) {
  return (
    <details className="group">
      <summary className="inline-flex min-h-touch cursor-pointer list-none items-center gap-1 text-sm font-bold text-primary md:min-h-6 [&::-webkit-details-marker]:hidden">
        <DisclosureChevron />
        {summary}
      </summary>
      <div className="mt-2 space-y-3 rounded-lg border border-border p-3">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
          <dt className="text-muted">처리 결과 (원문)</dt>
          <dd className="break-words" style={monoStyle}>
            {row.outcome ?? "—"}
          </dd>
          {row.error && (
            <>
              <dt className="text-muted">오류</dt>
              <dd className="break-words text-danger" style={monoStyle}>
                {row.error}
              </dd>
            </>
          )}
          <dt className="text-muted">처음 받은 시각</dt>
          <dd>
            {formatSeoulDateTime(row.receivedAt)}
            {row.deliveries > 1 && (
              <span className="text-muted">
                {" "}
                · {row.deliveries}번 수신, 마지막 {formatSeoulDateTime(row.lastReceivedAt)}
              </span>
            )}
          </dd>
          <dt className="text-muted">처리한 시각</dt>
          <dd>{row.processedAt ? formatSeoulDateTime(row.processedAt) : "아직 처리 전"}</dd>
          <dt className="text-muted">중복 확인 키</dt>
          <dd className="break-all" style={monoStyle}>
            {row.dedupeKey}
          </dd>
          {row.sourceIp && (
            <>
              <dt className="text-muted">보낸 곳</dt>
              <dd style={monoStyle}>{row.sourceIp}</dd>
            </>
          )}
        </dl>
        {Object.keys(row.headers).length > 0 && (
          <div className="space-y-1">
            <p className="text-xs font-bold">헤더</p>
            <JsonView value={row.headers} />
          </div>
        )}
        <div className="space-y-1">
          <p className="text-xs font-bold">받은 내용</p>
          <JsonView value={row.payload} />
        </div>
        {reprocess && <ReprocessEventForm eventId={row.id} action={reprocess} />}
      </div>
    </details>
  );
}
