import { invalidParameter } from "./api-error";

// Toss's own curl examples put `//` comments inside the JSON they send (the status example
// comments out `displayId`), and the brief is that those examples work verbatim. So comments
// outside strings are removed before parsing; everything else must be strict JSON. Requests
// with form-encoded bodies (the docs' ASP/Ruby samples) are refused: the API is JSON only
// (docs/providers.md §1.1), and accepting them here would hide a bug that fails against Toss.

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

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  let value: unknown;
  try {
    value = JSON.parse(stripComments(text));
  } catch {
    throw invalidParameter("요청 본문은 JSON 객체여야 합니다. (Content-Type: application/json)");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter("요청 본문은 JSON 객체여야 합니다. (Content-Type: application/json)");
  }
  return value as Record<string, unknown>;
}
