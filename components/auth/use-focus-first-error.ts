"use client";

import { useEffect, useRef } from "react";

/**
 * After a failed submit, moves focus to the first field with an error so keyboard and
 * screen-reader users land on what needs fixing (the field's aria-describedby reads the error).
 */
export function useFocusFirstError(
  fieldErrors: Partial<Record<string, string>> | undefined,
  order: readonly string[],
) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const first = order.find((name) => fieldErrors?.[name]);
    if (!first) return;
    const control = formRef.current?.elements.namedItem(first);
    if (control instanceof HTMLElement) control.focus();
  }, [fieldErrors, order]);
  return formRef;
}
