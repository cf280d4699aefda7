// The browser-facing redirects of the sandboxes' customer windows (a 303 after a form POST, so
// the browser follows with a GET), and a URL with the result's query parameters added.

export function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** `target` with `params` set in its query (existing parameters of other names are kept). */
export function withQuery(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
