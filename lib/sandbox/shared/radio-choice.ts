import { type Html, html } from "./html";

// One option of a radio group on the sandboxes' phone screens (layout.ts PHONE_CSS): a tile
// (a card company, an account) or a small chip (a card type, a test behaviour). Plain form
// inputs, so the screens work without script.

export type RadioChoice = {
  look: "tile" | "chip";
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean | undefined;
  /** What the option shows; a tile wraps it in its body. */
  content: Html | string;
};

export function radioChoice(choice: RadioChoice): Html {
  const input = html`<input
    type="radio"
    name="${choice.name}"
    value="${choice.value}"
    ${choice.disabled ? html`disabled` : ""}
    ${choice.checked ? html`checked` : ""}
  />`;
  return choice.look === "tile"
    ? html`<label class="tile">${input}<span class="tile-body">${choice.content}</span></label>`
    : html`<label class="chip">${input}<span>${choice.content}</span></label>`;
}

/** A radio group's options as [value, content] pairs; `selected` is the checked value. */
export function radioChoices(
  look: RadioChoice["look"],
  name: string,
  options: readonly (readonly [value: string, content: Html | string])[],
  selected: string | undefined,
): Html[] {
  return options.map(([value, content]) =>
    radioChoice({ look, name, value, checked: value === selected, content }),
  );
}
