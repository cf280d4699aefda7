import { Field } from "@/components/ui/field";

/**
 * The email input every auth form asks for first: the email keyboard on phones, no capitals or
 * spell check on an address, and the value the server sent back after a failed submit.
 */
export function EmailField({
  defaultValue,
  error,
}: {
  defaultValue: string | undefined;
  error: string | undefined;
}) {
  return (
    <Field
      label="이메일"
      name="email"
      type="email"
      inputMode="email"
      autoComplete="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      defaultValue={defaultValue}
      error={error}
    />
  );
}
