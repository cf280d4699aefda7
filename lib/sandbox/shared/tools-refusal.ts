import { html } from "./html";
import { jsonResponse } from "./json-response";

// How a sandbox's developer tools ({base}/_sandbox/**) turn a caller away. Scripts and tests
// (JSON, or anything that does not ask for a page) get a JSON error in the provider's own
// envelope; a browser gets a short Korean page, or the sign-in page when signing in would help.

/** What differs between the sandboxes: the page title and the provider's error envelope. */
export type ToolsBrand = {
  title: string;
  errorBody: (code: string, message: string) => Record<string, unknown>;
};

const MESSAGES = {
  401: "샌드박스 개발 도구는 관리자 계정으로 로그인해야 열려요.",
  403: "샌드박스 개발 도구는 관리자만 쓸 수 있어요.",
} as const;

function wantsPage(request: Request): boolean {
  return request.method === "GET" && (request.headers.get("accept") ?? "").includes("text/html");
}

export function refuseTools(
  brand: ToolsBrand,
  request: Request,
  status: 401 | 403,
  options: { reason?: string; signInUrl?: string } = {},
): Response {
  const message = options.reason ?? MESSAGES[status];
  if (!wantsPage(request)) {
    const code = status === 401 ? "SANDBOX_TOOLS_UNAUTHENTICATED" : "SANDBOX_TOOLS_FORBIDDEN";
    return jsonResponse(brand.errorBody(code, message), status);
  }
  if (status === 401 && options.signInUrl) {
    return new Response(null, {
      status: 303,
      headers: { location: options.signInUrl, "cache-control": "no-store" },
    });
  }
  const page = html`<!doctype html>
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${brand.title}</title>
      </head>
      <body
        style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"
      >
        <h1 style="font-size:1.25rem">들어갈 수 없어요</h1>
        <p>${message}</p>
      </body>
    </html>`;
  return new Response(page.toString(), {
    status,
    headers: { "content-type": "text/html;charset=UTF-8", "cache-control": "no-store" },
  });
}
