// What the sign-up form and the consent step say next to a required box left unticked. Apart
// from agreement-fields.ts (zod) so the browser can import them: zod's schemas probe `eval`,
// which the page's Content-Security-Policy refuses.
export const TERMS_REQUIRED_MESSAGE = "이용약관에 동의해 주세요.";
export const PRIVACY_REQUIRED_MESSAGE = "개인정보 수집·이용에 동의해 주세요.";

export type AgreementFieldErrors = Partial<Record<"agreeTerms" | "agreePrivacy", string>>;
