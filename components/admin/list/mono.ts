// Monospace for ids, JSON and codes, falling back to Pretendard (the app's web font) for Korean:
// Tailwind's font-mono stack ends in the generic `monospace`, which on machines without a
// Korean system font (Linux servers, CI browsers) draws Korean text as empty boxes.
export const MONO_WITH_KOREAN =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", Pretendard, monospace';

export const monoStyle = { fontFamily: MONO_WITH_KOREAN } as const;
