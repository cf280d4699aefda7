// npx tsx scripts/subset-pretendard.ts
// Regenerates the storefront's Pretendard fonts in app/fonts/ from node_modules/pretendard (run
// it after changing UI copy, when tests/fonts/pretendard-subset.test.ts says a character is
// missing, or after upgrading pretendard). Offline: harfbuzz's subsetter in wasm (subset-font).
//
// Two tiers, Regular (400) and Bold (700), the only weights the UI uses:
// - app/fonts/pretendard-{400,700}.woff2: printable ASCII and every character of the UI's own
//   copy (scripts/fonts/ui-characters.ts), about 43 KB each. app/fonts/pretendard.ts declares
//   them with next/font/local, which preloads them on every page.
// - app/fonts/extended/*.woff2 + pretendard-extended.css, family "Pretendard Extended": the
//   rest of KS X 1001's 2,350 Hangul syllables, compatibility jamo and common symbols, in slices
//   of SLICE characters with a unicode-range each, so text the copy does not contain (plan
//   names, customers' names) downloads only the slices it needs. Slices follow how often
//   characters occur in Korean text, as ranked by Pretendard's own dynamic subsets, so such a
//   text usually needs one or two. The ranges leave out the first tier's characters, so a page
//   never downloads a slice for them.
// Hangul syllables outside KS X 1001 (똠, 햏, …) fall through to the system's Korean font.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fontverter from "fontverter";
import { Blob as HbBlob, Face } from "harfbuzzjs";
import prettier from "prettier";
import subsetFont from "subset-font";
import { PRINTABLE_ASCII, uiCharacters } from "./fonts/ui-characters";

const ROOT = process.cwd();
const SOURCE = path.join(ROOT, "node_modules/pretendard/dist/web/static/woff2");
const OUT = path.join(ROOT, "app/fonts");
const EXTENDED_DIR = path.join(OUT, "extended");
const WEIGHTS = [
  { weight: 400, file: "Pretendard-Regular.woff2" },
  { weight: 700, file: "Pretendard-Bold.woff2" },
];
// Characters per extended slice: about 9 KB of woff2 each.
const SLICE = 100;
// The OpenType features a browser applies by default, plus tabular figures (`tabular-nums`);
// Pretendard's stylistic sets and alternates would otherwise pull in glyphs nobody sees.
const FEATURES = ["ccmp", "locl", "calt", "clig", "kern", "mark", "mkmk", "tnum"];

// Besides KS X 1001's Hangul: the blocks Korean text draws its symbols from.
const EXTENDED_BLOCKS: [number, number][] = [
  [0x00a1, 0x00ff], // Latin-1 punctuation and signs
  [0x2010, 0x205e], // General Punctuation
  [0x20a9, 0x20a9], // ₩
  [0x2100, 0x21ff], // Letterlike symbols, number forms, arrows
  [0x2460, 0x24ff], // ① ⓐ
  [0x25a0, 0x25ff], // Geometric shapes
  [0x2600, 0x26ff], // ★ ☎
  [0x3000, 0x303f], // CJK symbols and punctuation: 「」 〈〉 ※
  [0x3131, 0x318e], // Hangul compatibility jamo: ㄱ ㅏ
  [0x3200, 0x32ff], // ㈜ ㉠
  [0xff01, 0xff5e], // Full-width forms
];

/** KS X 1001's 2,350 Hangul syllables: EUC-KR rows 0xB0–0xC8. */
function ksX1001Hangul(): number[] {
  const decoder = new TextDecoder("euc-kr");
  const codes: number[] = [];
  for (let high = 0xb0; high <= 0xc8; high += 1) {
    for (let low = 0xa1; low <= 0xfe; low += 1) {
      const char = decoder.decode(new Uint8Array([high, low]));
      const code = char.codePointAt(0)!;
      if (code >= 0xac00 && code <= 0xd7a3) codes.push(code);
    }
  }
  if (codes.length !== 2350) throw new Error(`KS X 1001 decoded to ${codes.length} syllables`);
  return codes;
}

async function cmapOf(woff2: Buffer): Promise<Set<number>> {
  const sfnt = await fontverter.convert(woff2, "sfnt");
  return new Set(new Face(new HbBlob(sfnt)).collectUnicodes());
}

function hex(code: number) {
  return code.toString(16);
}

/**
 * unicode-range for `codes`, as few runs as possible: a run may span code points that no face
 * serves (the browser then tries this slice for them, finds no glyph and moves on to the system
 * font), never one in `taken` (another face's).
 */
function unicodeRange(codes: number[], taken: Set<number>): string {
  const sorted = [...codes].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const code of sorted) {
    const last = runs.at(-1);
    let bridgeable = last !== undefined;
    for (let between = (last?.[1] ?? 0) + 1; bridgeable && between < code; between += 1) {
      if (taken.has(between)) bridgeable = false;
    }
    if (last && bridgeable) last[1] = code;
    else runs.push([code, code]);
  }
  return runs
    .map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`))
    .join(", ");
}

/**
 * How common each character is in Korean text: the index of the Pretendard dynamic subset that
 * holds it (the package orders them from rare, 0, to most common, 91); absent is rarest.
 */
function frequencyRank(): Map<number, number> {
  const css = readFileSync(
    path.join(ROOT, "node_modules/pretendard/dist/web/static/pretendard-dynamic-subset.css"),
    "utf8",
  );
  const rank = new Map<number, number>();
  for (const [, body] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const index = /Pretendard-Regular\.subset\.(\d+)\.woff2/.exec(body!)?.[1];
    const range = /unicode-range:([^;]+);/.exec(body!)?.[1];
    if (!index || !range) continue;
    for (const part of range.split(",")) {
      const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
      const first = parseInt(from!, 16);
      for (let code = first; code <= (to ? parseInt(to, 16) : first); code += 1) {
        rank.set(code, Number(index));
      }
    }
  }
  if (rank.size < 10_000) throw new Error(`pretendard-dynamic-subset.css ranked ${rank.size}`);
  return rank;
}

async function subset(font: Buffer, codes: Iterable<number>): Promise<Buffer> {
  const text = String.fromCodePoint(...codes);
  return subsetFont(font, text, { targetFormat: "woff2", keepFeatures: FEATURES });
}

async function main() {
  const ui = uiCharacters(ROOT);
  const firstTier = new Set<number>(
    [...PRINTABLE_ASCII, ...ui.keys()].map((char) => char.codePointAt(0)!),
  );
  const fonts = WEIGHTS.map(({ weight, file }) => ({
    weight,
    data: readFileSync(path.join(SOURCE, file)),
  }));
  const coverage = await cmapOf(fonts[0]!.data);
  const missing = [...firstTier].filter((code) => !coverage.has(code));
  if (missing.length > 0) {
    // Rendered by the system font; say so rather than ship a silent gap.
    console.warn(
      `Pretendard has no glyph for: ${missing.map((c) => `${String.fromCodePoint(c)} U+${hex(c)}`).join(", ")}`,
    );
  }

  const rank = frequencyRank();
  // What the extended slices may hold, most common first: KS X 1001's Hangul and the symbol
  // blocks, as far as Pretendard has them.
  const candidates = [
    ...ksX1001Hangul(),
    ...EXTENDED_BLOCKS.flatMap(([from, to]) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i),
    ),
  ]
    .filter((code) => coverage.has(code))
    .sort((a, b) => (rank.get(b) ?? -1) - (rank.get(a) ?? -1) || a - b);

  mkdirSync(OUT, { recursive: true });
  rmSync(EXTENDED_DIR, { recursive: true, force: true });
  mkdirSync(EXTENDED_DIR, { recursive: true });

  const rules: string[] = [];
  const sizes: Record<string, number> = {};
  const slicesPerWeight: Record<number, number> = {};
  for (const { weight, data } of fonts) {
    const first = await subset(data, firstTier);
    writeFileSync(path.join(OUT, `pretendard-${weight}.woff2`), first);
    sizes[`pretendard-${weight}.woff2`] = first.length;
    // The subset can map a few more characters than asked (glyphs its features reach, e.g. ≤
    // from <=): whatever it maps stays out of the slices and their ranges.
    const preloaded = await cmapOf(first);
    const extended = candidates.filter((code) => !preloaded.has(code));
    const slices: number[][] = [];
    for (let i = 0; i < extended.length; i += SLICE) slices.push(extended.slice(i, i + SLICE));
    slicesPerWeight[weight] = slices.length;
    // Each slice's range may not reach into the preloaded face or another slice.
    const served = new Set([...preloaded, ...extended]);
    for (const [index, codes] of slices.entries()) {
      const name = `pretendard-extended-${weight}-${String(index).padStart(2, "0")}.woff2`;
      const woff2 = await subset(data, codes);
      // The same closure can add characters to a slice; its range claims them too, unless the
      // preloaded face has them.
      const mapped = [...(await cmapOf(woff2))].filter((code) => !preloaded.has(code));
      for (const code of mapped) served.add(code);
      const mine = new Set(mapped);
      const taken = new Set([...served].filter((code) => !mine.has(code)));
      writeFileSync(path.join(EXTENDED_DIR, name), woff2);
      sizes[`extended/${name}`] = woff2.length;
      rules.push(`@font-face {
  font-family: "Pretendard Extended";
  font-style: normal;
  font-weight: ${weight};
  font-display: block;
  src: url("./extended/${name}") format("woff2");
  unicode-range: ${unicodeRange(mapped, taken)};
}`);
    }
  }

  const header = `/*
 * GENERATED by scripts/subset-pretendard.ts from pretendard ${pretendardVersion()} (SIL OFL 1.1,
 * https://github.com/orioncactus/pretendard): do not edit; rerun the script.
 *
 * "Pretendard Extended": the glyphs that app/fonts/pretendard-{400,700}.woff2 (the UI's own
 * characters, preloaded) leave out, in slices of ${SLICE} characters, the most common first. A
 * page downloads a slice only when it shows one of the slice's characters, e.g. in a plan or
 * customer name. font-display: block keeps such a word from showing half in another font for
 * the moment a slice (about 9 KB) takes.
 */
`;
  const css = await prettier.format(header + rules.join("\n"), {
    ...(await prettier.resolveConfig(path.join(OUT, "pretendard-extended.css"))),
    parser: "css",
  });
  writeFileSync(path.join(OUT, "pretendard-extended.css"), css);

  const total = (prefix: string) =>
    Object.entries(sizes)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((sum, [, size]) => sum + size, 0);
  console.log(
    JSON.stringify(
      {
        uiCharacters: ui.size,
        firstTier: {
          characters: firstTier.size,
          bytes: {
            400: sizes["pretendard-400.woff2"],
            700: sizes["pretendard-700.woff2"],
          },
        },
        extended: {
          candidates: candidates.length,
          slicesPerWeight,
          bytes: total("extended/"),
          cssBytes: Buffer.byteLength(css),
        },
      },
      null,
      2,
    ),
  );
}

function pretendardVersion(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, "node_modules/pretendard/package.json"), "utf8"),
  ) as { version: string };
  return manifest.version;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
