// The JSON body of a sandbox API request. Toss Pay's own curl examples put `//` comments inside
// the JSON they send (the status example comments out `displayId`), and the brief is that those
// examples work verbatim. So comments outside strings are removed before parsing; everything
// else must be strict JSON. Form-encoded bodies (the docs' ASP/Ruby samples) are refused: both
// APIs are JSON only (docs/providers.md §1.1, §2.3), and accepting them here would hide a bug
// that fails against the real provider. Each sandbox says how it refuses (its own envelope).

// Larger bodies are refused before parsing: no documented request comes close.
export const MAX_JSON_BODY_BYTES = 64 * 1024;

function stripComments(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') {
        inString = false;
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 1;
      out += " ";
    } else {
      out += ch;
    }
  }
  return out;
}

/** The body as a JSON object; anything else (not JSON, an array, too large) throws `invalid()`. */
export async function readJsonObject(
  request: Request,
  invalid: () => Error,
): Promise<Record<string, unknown>> {
  return parseJsonObject(await request.text(), invalid);
}

/** `text` as a JSON object (comments allowed, see above), or throws `invalid()`. */
export function parseJsonObject(text: string, invalid: () => Error): Record<string, unknown> {
  if (text.length > MAX_JSON_BODY_BYTES) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(stripComments(text));
  } catch {
    throw invalid();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid();
  return value as Record<string, unknown>;
}
