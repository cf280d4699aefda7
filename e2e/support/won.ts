// Amounts are written the Korean way, "9,900원", so a plain substring check for "9,900원" would
// also pass on "19,900원". `won("9,900원")` matches that exact amount and nothing longer.

/** A pattern for exactly this amount as the page writes it, e.g. won("9,900원"). */
export function won(text: `${string}원`): RegExp {
  if (!/^\d{1,3}(,\d{3})*원$/.test(text))
    throw new Error(`not an amount as the UI writes it: ${text}`);
  return new RegExp(`(?<![\\d,])${text}`);
}
