import { readFile } from "node:fs/promises";
import path from "node:path";

// Pretendard, served by the sandbox itself so its screens look right on machines without a
// Korean font (headless Chromium in CI has none). The subset files cover Hangul syllables.
const WEIGHTS: Record<string, string> = {
  "400": "Pretendard-Regular.subset.woff2",
  "500": "Pretendard-Medium.subset.woff2",
  "600": "Pretendard-SemiBold.subset.woff2",
  "700": "Pretendard-Bold.subset.woff2",
};

const cache = new Map<string, ArrayBuffer>();

export async function serveFont(name: string): Promise<Response> {
  const weight = /^pretendard-(\d{3})\.woff2$/.exec(name)?.[1];
  const file = weight ? WEIGHTS[weight] : undefined;
  if (!file) return new Response("Not Found", { status: 404 });
  let bytes = cache.get(file);
  if (!bytes) {
    const buffer = await readFile(
      path.join(
        process.cwd(),
        "node_modules",
        "pretendard",
        "dist",
        "web",
        "static",
        "woff2-subset",
        file,
      ),
    );
    bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    cache.set(file, bytes);
  }
  return new Response(bytes, {
    headers: {
      "content-type": "font/woff2",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
