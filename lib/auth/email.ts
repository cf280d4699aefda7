import { z } from "zod";

// Emails are stored trimmed and lower-cased (users_email_lower_case check), so every lookup and
// insert goes through here; "Kim@Example.com" and "kim@example.com" are one account.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// RFC 5321 caps a path at 254 characters; longer input is never a real address.
const EMAIL_MAX_LENGTH = 254;

export const emailSchema = z
  .string({ error: "이메일을 입력해 주세요." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "이메일을 입력해 주세요.")
      .max(EMAIL_MAX_LENGTH, "이메일 주소가 너무 길어요.")
      .pipe(z.email({ error: "올바른 이메일 주소를 입력해 주세요. (예: name@example.com)" })),
  );
