import { instrumental } from "@/lib/admin/korean-particles";
import type { MethodChoice } from "./method-choices";

// Used by server pages and client forms alike, so kept out of the "use client" module.

/**
 * The submit button's words for a registration form: "토스페이로 다시 등록" when one provider is
 * all there is, "다시 등록" when the customer picks above it.
 */
export function choiceButtonLabels(
  choices: readonly MethodChoice[],
  action: string,
): { submitLabel: string; loadingLabel: string } {
  const [only] = choices;
  if (choices.length !== 1 || !only) {
    return { submitLabel: action, loadingLabel: "등록을 요청하는 중" };
  }
  const label = only.providerLabel;
  return {
    submitLabel: `${label}${instrumental(label)} ${action}`,
    loadingLabel: `${label}에 등록을 요청하는 중`,
  };
}
