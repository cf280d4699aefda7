// The fonts in app/fonts are generated (scripts/subset-pretendard.ts) and cover only what the UI
// says. These fail when copy gains a character the preloaded faces lack (it would show in the
// system font: rerun the script), when the CSS points at a file that is not there, or when the
// extended slices stop covering KS X 1001's Hangul or start claiming the UI's own characters
// (every page would then download slices for its own copy).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fontverter from "fontverter";
import { Blob as HbBlob, Face } from "harfbuzzjs";
import { describe, expect, it } from "vitest";
import { PRINTABLE_ASCII, uiCharacters } from "@/scripts/fonts/ui-characters";

const ROOT = process.cwd();
const FONTS = path.join(ROOT, "app/fonts");
const EXTENDED_CSS = readFileSync(path.join(FONTS, "pretendard-extended.css"), "utf8");

async function cmapOf(file: string): Promise<Set<number>> {
  const sfnt = await fontverter.convert(readFileSync(file), "sfnt");
  return new Set(new Face(new HbBlob(sfnt)).collectUnicodes());
}

function codes(text: string): number[] {
  return [...text].map((char) => char.codePointAt(0)!);
}

function label(code: number) {
  return `${String.fromCodePoint(code)} (U+${code.toString(16).padStart(4, "0")})`;
}

/** The @font-face rules of the extended CSS: file, weight and the code points of its range. */
const extendedFaces = [...EXTENDED_CSS.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body]) => {
  const src = /url\("\.\/([^"]+)"\)/.exec(body!)?.[1];
  const weight = /font-weight:\s*(\d+)/.exec(body!)?.[1];
  const range = /unicode-range:\s*([^;]+);/.exec(body!)?.[1];
  if (!src || !weight || !range) throw new Error(`unexpected @font-face: ${body}`);
  const covered = new Set<number>();
  for (const part of range.split(",")) {
    const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
    const first = parseInt(from!, 16);
    const last = to ? parseInt(to, 16) : first;
    for (let code = first; code <= last; code += 1) covered.add(code);
  }
  return { file: path.join(FONTS, src), weight: Number(weight), covered };
});

// The faces next/font/local declares (app/fonts/pretendard.ts).
const preloadedFaces = [
  ...readFileSync(path.join(FONTS, "pretendard.ts"), "utf8").matchAll(
    /path:\s*"\.\/([^"]+)",\s*weight:\s*"(\d+)"/g,
  ),
].map(([, file, weight]) => ({ file: path.join(FONTS, file!), weight: Number(weight) }));

describe("Pretendard as the storefront serves it", () => {
  it("declares only font files that exist", () => {
    expect(preloadedFaces.map((face) => face.weight).sort()).toEqual([400, 700]);
    expect(extendedFaces.length).toBeGreaterThan(0);
    for (const face of [...preloadedFaces, ...extendedFaces]) {
      expect(existsSync(face.file), path.relative(ROOT, face.file)).toBe(true);
    }
  });

  it("has every character of the UI's copy in both preloaded weights", async () => {
    const wanted = [...codes(PRINTABLE_ASCII), ...codes([...uiCharacters(ROOT).keys()].join(""))];
    // A sanity check on the scan itself: it reads the storefront's Korean copy.
    expect(wanted).toEqual(expect.arrayContaining(codes("구독결제수단등록해요")));
    for (const face of preloadedFaces) {
      const cmap = await cmapOf(face.file);
      const missing = wanted.filter((code) => !cmap.has(code)).map(label);
      expect(
        missing,
        `${path.basename(face.file)}: run npx tsx scripts/subset-pretendard.ts`,
      ).toEqual([]);
    }
  });

  it("covers KS X 1001's Hangul in each weight, the UI's characters never in a slice", async () => {
    const decoder = new TextDecoder("euc-kr");
    const ksX1001: number[] = [];
    for (let high = 0xb0; high <= 0xc8; high += 1) {
      for (let low = 0xa1; low <= 0xfe; low += 1) {
        const code = decoder.decode(new Uint8Array([high, low])).codePointAt(0)!;
        if (code >= 0xac00 && code <= 0xd7a3) ksX1001.push(code);
      }
    }
    expect(ksX1001).toHaveLength(2350);

    for (const weight of [400, 700]) {
      const preloaded = await cmapOf(preloadedFaces.find((f) => f.weight === weight)!.file);
      const available = new Set(preloaded);
      for (const face of extendedFaces.filter((f) => f.weight === weight)) {
        const cmap = await cmapOf(face.file);
        const claimed = [...preloaded].filter((code) => face.covered.has(code)).map(label);
        expect(claimed, `${path.basename(face.file)} claims preloaded characters`).toEqual([]);
        // A glyph outside the face's unicode-range would never be drawn from it (fine when the
        // preloaded face has it anyway).
        const unreachable = [...cmap]
          .filter((code) => !face.covered.has(code) && !preloaded.has(code))
          .map(label);
        expect(unreachable, path.basename(face.file)).toEqual([]);
        for (const code of cmap) available.add(code);
      }
      const uncovered = ksX1001.filter((code) => !available.has(code)).map(label);
      expect(uncovered, `weight ${weight}`).toEqual([]);
    }
  });
});
