import { and, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { paymentProvider, providerEvents } from "@/lib/db/schema";
import { KNOWN_EVENT_TYPES } from "./event-labels";
import { listParamsParser, optionalEnum, seoulDateRange } from "./list/search-params";
import { pagedList, withinSeoulDays } from "./list/page-ids";

// The provider event log (provider_events): every callback and webhook as it arrived, whether it
// was verified, and what processing did with it. Newest first.

// What processing made of an event, in words; the states are this map's keys, in filter order.
export const EVENT_STATE_LABELS = {
  processed: "처리됨",
  unprocessed: "처리 전",
  error: "처리 중 오류",
  rejected: "형식 오류로 거부",
} as const;
export type EventState = keyof typeof EVENT_STATE_LABELS;
export const EVENT_STATES = Object.keys(EVENT_STATE_LABELS) as [EventState, ...EventState[]];

export const parseEventListParams = listParamsParser({
  provider: optionalEnum(paymentProvider.enumValues),
  // One of the types providers send (the filter is a dropdown of them).
  type: optionalEnum(KNOWN_EVENT_TYPES),
  verified: optionalEnum(["yes", "no"] as const),
  state: optionalEnum(EVENT_STATES),
  ...seoulDateRange,
});

export type EventListParams = ReturnType<typeof parseEventListParams>;

export type EventRow = typeof providerEvents.$inferSelect;

function stateCondition(state: EventState): SQL | undefined {
  const e = providerEvents;
  switch (state) {
    case "rejected":
      return eq(e.eventType, "invalid");
    case "error":
      return or(isNotNull(e.error), sql`${e.outcome} like 'error:%'`);
    case "unprocessed":
      return isNull(e.processedAt);
    case "processed":
      return and(isNotNull(e.processedAt), isNull(e.error), sql`${e.eventType} <> 'invalid'`);
  }
}

function eventConditions(params: EventListParams): SQL | undefined {
  const e = providerEvents;
  return and(
    params.provider ? eq(e.provider, params.provider) : undefined,
    params.type ? eq(e.eventType, params.type) : undefined,
    params.verified ? eq(e.verified, params.verified === "yes") : undefined,
    params.state ? stateCondition(params.state) : undefined,
    ...withinSeoulDays(e.receivedAt, params),
  );
}

export const listProviderEvents = pagedList({
  table: providerEvents,
  newestFirst: providerEvents.receivedAt,
  where: eventConditions,
  // Payloads can be large: only the page's rows are read in full.
  select: (executor) => executor.select().from(providerEvents).$dynamic(),
});

/** Which of EVENT_STATES a row is in, for its badge. */
export function eventStateOf(
  row: Pick<EventRow, "eventType" | "error" | "outcome" | "processedAt">,
) {
  if (row.eventType === "invalid") return "rejected" satisfies EventState;
  if (row.error || row.outcome?.startsWith("error:")) return "error" satisfies EventState;
  if (!row.processedAt) return "unprocessed" satisfies EventState;
  return "processed" satisfies EventState;
}
