import { z } from "zod";

// The checkbox of RecurringConsentForm, as its server actions parse it: ticked sends
// consent=agreed, unticked sends nothing.
export const CONSENT_REQUIRED_MESSAGE = "자동결제 동의에 체크해 주세요.";

export const consentField = z.literal("agreed", { error: CONSENT_REQUIRED_MESSAGE });
