export function sdkScriptResponse(_baseUrl: string): Response {
  return new Response("", { headers: { "content-type": "application/javascript" } });
}
