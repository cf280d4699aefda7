import { Field } from "@/components/ui/field";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

/** A new password and its confirmation (reset, change), with sign-up's length rule as the hint. */
export function NewPasswordFields({
  errors,
  label = "새 비밀번호",
}: {
  errors: { password?: string | undefined; passwordConfirm?: string | undefined } | undefined;
  label?: string;
}) {
  return (
    <>
      <Field
        label={label}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하로 입력해 주세요.`}
        error={errors?.password}
      />
      <Field
        label={`${label} 확인`}
        name="passwordConfirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors?.passwordConfirm}
      />
    </>
  );
}
