import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/form-result";

/**
 * Parses an admin mutation's input, or throws a bad_request AppError whose message names every
 * field and why (for logs and tests) and whose details carry the per-field Korean messages (for
 * the form). Admin messages are already written for the person who reads them.
 */
export function parseAdminInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  const summary = Object.entries(fieldErrors)
    .map(([field, message]) => (field ? `${field}: ${message}` : message))
    .join("; ");
  throw new AppError("bad_request", summary, {
    userMessage: Object.values(fieldErrors)[0] ?? "입력한 내용을 다시 확인해 주세요.",
    details: { fieldErrors },
  });
}

/** Throws an AppError about one field, shaped like parseAdminInput's (e.g. a taken slug). */
export function fieldError(
  code: "bad_request" | "conflict",
  field: string,
  message: string,
): AppError {
  return new AppError(code, `${field}: ${message}`, {
    userMessage: message,
    details: { fieldErrors: { [field]: message } },
  });
}
