import { AppError } from "@/lib/errors";
import { fieldErrorsFromError, type FieldErrors } from "./parse-admin-input";

// What an admin server action returns to its form (useActionState): per-field Korean messages,
// a message for the whole form, or a success message. Actions never throw for expected
// problems; an unexpected error is logged and shown as the generic message.

export type AdminActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors: FieldErrors;
};

export const idleActionState: AdminActionState = { status: "idle", fieldErrors: {} };

export function successState(message: string): AdminActionState {
  return { status: "success", message, fieldErrors: {} };
}

export function errorState(error: unknown, context: string): AdminActionState {
  if (error instanceof AppError) {
    const fieldErrors = fieldErrorsFromError(error) ?? {};
    return {
      status: "error",
      // A field error is shown at its field; the summary repeats the first one for the form.
      message: error.userMessage,
      fieldErrors,
    };
  }
  console.error(`[admin] ${context} failed`, error);
  return {
    status: "error",
    message: "처리하지 못했어요. 잠시 후 다시 시도해 주세요.",
    fieldErrors: {},
  };
}
