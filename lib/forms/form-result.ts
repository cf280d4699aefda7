import type { z } from "zod";
import { AppError, userMessageOf } from "@/lib/errors";

/**
 * What every server action returns to its form (through useActionState): the customer's
 * (sign-in, sign-up, payment methods, account) and the admin's alike.
 *
 * - `status`: "idle" before the first submit; otherwise the tone the form answers in:
 *   "success", "warning" (done, but it needs a look: a refund whose answer has not come), or
 *   "error" (nothing happened; fix and submit again).
 * - `message`: for the whole form, Korean and safe to show.
 * - `fieldErrors`: one Korean message per field, shown at (and focusing) that field.
 * - `values`: what was typed, so a refused form shows it again. Passwords are never echoed.
 *
 * Actions never throw for expected problems; a form extends this with `&` for what it shows
 * after a success (the refund's number, the "check your mail" screen).
 */
export type FormResult<Field extends string = string> = {
  status: "idle" | "success" | "warning" | "error";
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  values?: Partial<Record<Field, string>>;
};

/** A server action driven by useActionState. */
export type FormAction<State extends FormResult<never> = FormResult> = (
  state: State,
  formData: FormData,
) => Promise<State>;

/** Before the first submit. */
export const IDLE = { status: "idle" } as const satisfies FormResult<never>;

export function succeeded(message: string): FormResult<never> {
  return { status: "success", message };
}

/** A refusal: a message for the whole form and/or per field, and what was typed. */
export function failed<Field extends string = never>(
  message: string | undefined,
  fieldErrors?: Partial<Record<Field, string>>,
  values?: Partial<Record<Field, string>>,
): FormResult<Field> {
  return { status: "error", message, fieldErrors, values };
}

/**
 * The answer to an error thrown by the operation behind a form: an AppError's user message
 * (and its per-field messages, if it carries them); anything else is logged with `context`
 * and answered with the app's generic message (userMessageOf), never with its internals.
 */
export function failedWith(error: unknown, context: string): FormResult {
  if (error instanceof AppError) {
    const fieldErrors = error.details?.fieldErrors;
    return failed(
      error.userMessage,
      fieldErrors && typeof fieldErrors === "object"
        ? (fieldErrors as Record<string, string>)
        : undefined,
    );
  }
  console.error(`${context} failed`, error);
  return failed(userMessageOf(error));
}

/**
 * The first message for each field of a failed parse, keyed by the field's path ("a.b" for a
 * nested field, "" for a problem with the whole input).
 */
export function fieldErrorsOf<Field extends string = string>(
  error: z.ZodError,
): Partial<Record<Field, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** A text field's value for echoing back, ignoring files and missing fields. */
export function textValue(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}
