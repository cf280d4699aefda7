import { readJsonObject } from "./json-body";

/**
 * Form fields of a screen or tool POST: HTML forms send urlencoded, scripts may send JSON
 * (a bad JSON body throws `invalid()`). Non-string values are dropped.
 */
export async function readFields(
  request: Request,
  invalid: () => Error,
): Promise<Record<string, string>> {
  let entries: [string, unknown][];
  if (wantsJson(request)) {
    entries = Object.entries(await readJsonObject(request, invalid));
  } else {
    // Anything that is not a form (a wrong content type) is treated as an empty one, so the
    // screen answers "invalid link" rather than a 500.
    entries = await request.formData().then(
      (form) => [...form.entries()],
      () => [],
    );
  }
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A script's request (JSON in, JSON out) rather than a browser's form. */
export const wantsJson = (request: Request) =>
  (request.headers.get("content-type") ?? "").includes("application/json");
