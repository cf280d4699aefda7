// What the payment-method and account server actions hand back to their forms
// (useActionState). Messages are Korean and safe to show; `field` points an error at the
// control it is about (the consent checkbox) so the form can show it there and focus it.
export type ActionResult =
  | { status: "idle" }
  | { status: "error"; message: string; field?: "consent" }
  | { status: "done"; message: string };

export const IDLE: ActionResult = { status: "idle" };

/** A server action driven by useActionState. */
export type FormAction = (state: ActionResult, formData: FormData) => Promise<ActionResult>;
