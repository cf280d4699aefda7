"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";
import { AgreementCheckboxes } from "./agreement-checkboxes";

type State = FormResult<"agreeTerms" | "agreePrivacy" | "agreeMarketing">;

/** The consent step's form: the same boxes as the sign-up form, then back where they were going. */
export function ConsentUpdateForm({
  action,
  callbackUrl,
  marketing,
  asked,
}: {
  action: FormAction<State>;
  callbackUrl: string;
  // The documents to agree to again (the ones not agreed in their current version).
  asked: readonly ("terms" | "privacy")[];
  // The standing marketing answer: kept unless the customer changes it here.
  marketing: boolean;
}) {
  const [state, formAction] = useActionState<State, FormData>(action, IDLE);
  return (
    <form action={formAction} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.message && <Alert tone="danger">{state.message}</Alert>}
      <AgreementCheckboxes
        asked={asked.map((kind) => (kind === "terms" ? "agreeTerms" : "agreePrivacy"))}
        key={JSON.stringify(state.values ?? {})}
        initial={
          state.values
            ? {
                agreeTerms: state.values.agreeTerms === "agreed",
                agreePrivacy: state.values.agreePrivacy === "agreed",
                agreeMarketing: state.values.agreeMarketing === "agreed",
              }
            : { agreeMarketing: marketing }
        }
        errors={{
          agreeTerms: state.fieldErrors?.agreeTerms,
          agreePrivacy: state.fieldErrors?.agreePrivacy,
        }}
      />
      <SubmitButton fullWidth size="lg" loadingLabel="저장하는 중">
        동의하고 계속하기
      </SubmitButton>
    </form>
  );
}
