"use client";

import { useEffect, useRef } from "react";

/**
 * Moves focus to a form's result message when a submit brings one, so keyboard and screen
 * reader users land on the answer instead of at the top of the document (where the skip link
 * would take the focus). Attach the ref to a wrapper with tabIndex={-1}. A refusal with field
 * errors shows no message here: the form focuses its first invalid field instead.
 */
export function useFocusResult(state: object, shown: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
    // Every submit returns a new state object: focus again even when the message is the same.
  }, [state, shown]);
  return ref;
}
