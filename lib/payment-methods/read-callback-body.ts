import { readLimitedBody } from "@/lib/payments/http-answer";

// Provider callbacks are small (a Toss Pay resultCallback is well under 1 KB, docs/providers.md
// §1.4.2); anything much bigger is not a provider talking. 16 KB leaves room for fields Toss
// may add without notice.
export const MAX_CALLBACK_BODY_BYTES = 16 * 1024;

/** The request body as UTF-8 text, or null when it is larger than `maxBytes`. */
export async function readCallbackBody(
  request: Request,
  maxBytes = MAX_CALLBACK_BODY_BYTES,
): Promise<string | null> {
  return readLimitedBody(request, maxBytes);
}
