// Validation messages put field labels into sentences; the particle depends on the label's
// last syllable (가격을 / 기간을 / 요청 수를).

/** Korean object/topic particles after `word`: 을/를, 은/는 by whether it ends in a batchim. */
export function particles(word: string): { object: string; topic: string } {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  const batchim = code >= 0 && code <= 11171 && code % 28 !== 0;
  return batchim ? { object: "을", topic: "은" } : { object: "를", topic: "는" };
}

/** "로" or "으로" after `word` (토스페이로, 포트원으로; a final ㄹ takes 로). */
export function instrumental(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  const batchim = code >= 0 && code <= 11171 ? code % 28 : 0;
  return batchim === 0 || batchim === 8 ? "로" : "으로";
}
