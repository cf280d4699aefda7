import localFont from "next/font/local";

// Pretendard 1.3.9 (SIL OFL 1.1, https://github.com/orioncactus/pretendard), Regular and Bold,
// cut down by scripts/subset-pretendard.ts to printable ASCII and the characters of the UI's own
// copy: about 43 KB a weight instead of 180–240 KB of per-range files. next/font serves them
// from /_next/static/media (hashed, cached for good) and preloads both on every page.
//
// font-display: optional, so Korean text never flashes from one font to the other: with the
// preload the faces are almost always there at first paint; when they are not (a slow first
// visit), the page keeps the system font until the next page load, with no swap and no shift.
// The local Arial fallback next/font adds is scaled to Pretendard's Latin metrics. Characters
// outside this subset come from "Pretendard Extended" (pretendard-extended.css), next in the
// font-family stack (tailwind.config.ts).
export const pretendard = localFont({
  src: [
    { path: "./pretendard-400.woff2", weight: "400", style: "normal" },
    { path: "./pretendard-700.woff2", weight: "700", style: "normal" },
  ],
  display: "optional",
  preload: true,
  adjustFontFallback: "Arial",
  variable: "--font-pretendard",
});
