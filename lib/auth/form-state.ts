import type { z } from "zod";

/**
 * What a sign-in or sign-up server action returns to its form (through useActionState):
 * one Korean message per field, an optional message for the whole form, and the values the
 * user typed so the form can show them again. Passwords are never echoed back.
 */
export type AuthFormState<Field extends string> = {
  fieldErrors: Partial<Record<Field, string>>;
  formError?: string;
  values: Partial<Record<Field, string>>;
};

export function emptyFormState<Field extends string>(): AuthFormState<Field> {
  return { fieldErrors: {}, values: {} };
}

/** The first message for each field of a failed parse. */
export function fieldErrorsOf<Field extends string>(
  error: z.ZodError<Partial<Record<Field, unknown>>>,
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && !(field in errors)) errors[field as Field] = issue.message;
  }
  return errors;
}

/** A text field's value for echoing back, ignoring files and missing fields. */
export function textValue(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The sign-up form's state: after a successful submit, the "check your mail" screen instead. */
export type SignUpFormState = AuthFormState<"email" | "password" | "name"> & {
  sent?: { email: string; devVerifyUrl: string | null };
};

/** "인증 메일 다시 보내기": after a submit, the same "check your mail" answer for any address. */
export type ResendVerificationFormState = AuthFormState<"email"> & {
  sent?: { email: string; devVerifyUrl: string | null };
};
