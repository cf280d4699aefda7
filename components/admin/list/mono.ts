// Monospace for ids, JSON and codes, falling back to Pretendard (the app's web font, app/fonts:
// the preloaded UI subset, then the slices for other text) for Korean:
// Tailwind's font-mono stack ends in the generic `monospace`, which on machines without a
// Korean system font (Linux servers, CI browsers) draws Korean text as empty boxes.
export const MONO_WITH_KOREAN =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", var(--font-pretendard), "Pretendard Extended", monospace';

export const monoStyle = { fontFamily: MONO_WITH_KOREAN } as const;
