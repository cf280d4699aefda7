"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { MethodChoice } from "./method-choices";

/**
 * The registration form's choice of method, among those the merchant enabled (method-choices.ts);
 * `selected` (the merchant's first, or the provider of a registration being restarted) is
 * preselected. A single choice is a hidden field: nothing to pick.
 */
export function MethodChoiceField({
  choices,
  selected,
}: {
  choices: readonly MethodChoice[];
  selected?: string | undefined;
}) {
  const [only] = choices;
  if (!only) return null;
  if (choices.length === 1) return <input type="hidden" name="choice" value={only.value} />;
  const checked = choices.some((choice) => choice.value === selected) ? selected : only.value;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-bold">결제수단</legend>
      {choices.map((choice) => (
        <label
          key={choice.value}
          className="flex min-h-touch cursor-pointer items-center gap-3 rounded-lg border border-border px-3 py-2.5 has-[:checked]:border-primary has-[:checked]:bg-primary/5"
        >
          <input
            type="radio"
            name="choice"
            value={choice.value}
            defaultChecked={choice.value === checked}
            className="size-4 shrink-0 accent-[rgb(var(--color-primary))]"
          />
          <span className="min-w-0 flex-1">
            <span className="block font-bold">{choice.label}</span>
            <span className="block text-sm text-muted">{choice.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

// The choices the merchant offers, for the registration forms deep in a page (the account
// page's change dialogs), so the panels between need not carry them.
const MethodChoicesContext = createContext<readonly MethodChoice[]>([]);

export function MethodChoicesProvider({
  choices,
  children,
}: {
  choices: readonly MethodChoice[];
  children: ReactNode;
}) {
  return <MethodChoicesContext value={choices}>{children}</MethodChoicesContext>;
}

export function useMethodChoices(): readonly MethodChoice[] {
  return useContext(MethodChoicesContext);
}
