import { z } from "zod";
import { paymentProvider, subscriptionStatus } from "@/lib/db/schema";
import { MAX_PAGE } from "./list/search-params";

// The subscribers table's state lives in the URL (?q=&status=&plan=&provider=&sort=&dir=&page=),
// so a filtered view can be bookmarked, shared and reloaded, and the server does the work.
// Parsing is forgiving: a hand-edited or stale value falls back to its default instead of an
// error page.

export const SUBSCRIBER_SORTS = ["created", "next_charge", "price"] as const;
export type SubscriberSort = (typeof SUBSCRIBER_SORTS)[number];
export const SUBSCRIBERS_PAGE_SIZE = 25;

const first = (value: unknown) => (Array.isArray(value) ? (value[0] as unknown) : value);
const blankToUndefined = (value: unknown) => {
  const v = first(value);
  return typeof v === "string" && v.trim() === "" ? undefined : v;
};

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
}

export const subscriberListParamsSchema = z.object({
  q: optional(z.string().trim().max(100)),
  status: optional(z.enum(subscriptionStatus.enumValues)),
  plan: optional(z.uuid()),
  provider: optional(z.enum(paymentProvider.enumValues)),
  sort: z
    .preprocess(blankToUndefined, z.enum(SUBSCRIBER_SORTS).default("created"))
    .catch("created"),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).default("desc")).catch("desc"),
  page: z
    .preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1))
    .catch(1),
});

export type SubscriberListParams = z.output<typeof subscriberListParamsSchema>;

export function parseSubscriberListParams(
  searchParams: Record<string, string | string[] | undefined>,
): SubscriberListParams {
  return subscriberListParamsSchema.parse(searchParams);
}
