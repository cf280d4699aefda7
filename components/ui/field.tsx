import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "./cx";
import { controlClasses, Input } from "./input";

/** What a form control inside a Field must carry to be labelled and described. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  required: boolean | undefined;
};

export type FieldProps = Omit<ComponentProps<"input">, "id" | "children"> & {
  label: ReactNode;
  /** Help shown under the control, e.g. the password rule. */
  hint?: ReactNode;
  /** A Korean message shown under the control; marks it invalid. */
  error?: string | undefined;
  id?: string;
  /** Renders a control other than a text input (select, textarea…). Defaults to <Input>. */
  children?: (control: FieldControlProps) => ReactNode;
  className?: string;
};

/**
 * Label, control, hint and error, wired with for/id and aria-describedby so a screen reader
 * reads the hint and the error with the field.
 */
export function Field({
  label,
  hint,
  error,
  id,
  children,
  className,
  required,
  ...inputProps
}: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const control: FieldControlProps = {
    id: controlId,
    "aria-describedby": cx(hintId, errorId) || undefined,
    "aria-invalid": error ? true : undefined,
    required,
  };

  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={controlId} className="block text-sm font-bold text-foreground">
        {label}
        {required && (
          <span className="ml-0.5 text-danger" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children ? children(control) : <Input {...inputProps} {...control} />}
      {hint && (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger">
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="mt-0.5 size-4 shrink-0"
            fill="currentColor"
          >
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A Field whose control is a multi-line <textarea>, wired the same way. */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...textareaProps
}: Pick<FieldProps, "label" | "hint" | "error" | "className"> &
  Omit<ComponentProps<"textarea">, "id" | "className" | "children">) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea {...control} {...textareaProps} className={controlClasses} />}
    </Field>
  );
}
