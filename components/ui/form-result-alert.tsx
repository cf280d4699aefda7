import type { FormResult } from "@/lib/forms/form-result";
import { Alert, type AlertTone } from "./alert";

const TONES: Record<Exclude<FormResult["status"], "idle">, AlertTone> = {
  success: "success",
  warning: "warning",
  error: "danger",
};

/** A form's answer for the whole form, in its tone; nothing before the first submit. */
export function FormResultAlert({
  state,
  className,
  children,
}: {
  state: FormResult<never>;
  className?: string;
  /** The message laid out differently (the default is the message as it is). */
  children?: React.ReactNode;
}) {
  if (state.status === "idle") return null;
  return (
    <Alert tone={TONES[state.status]} className={className}>
      {children ?? state.message}
    </Alert>
  );
}
