// Provider callbacks are small (a Toss Pay resultCallback is well under 1 KB, docs/providers.md
// §1.4.2); anything much bigger is not a provider talking. 16 KB leaves room for fields Toss
// may add without notice.
export const MAX_CALLBACK_BODY_BYTES = 16 * 1024;

/**
 * The request body as UTF-8 text, or null when it is larger than `maxBytes`. The stream is
 * read with a running count and abandoned as soon as it goes over: Content-Length is only a
 * shortcut for refusing early, since a chunked request has none and a client may lie.
 */
export async function readCallbackBody(
  request: Request,
  maxBytes = MAX_CALLBACK_BODY_BYTES,
): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
