import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Reads the colour tokens from app/globals.css and checks the WCAG 2.x contrast of every pair
// the components actually use, in light and dark mode.

type Rgb = [number, number, number];
type Palette = Record<string, Rgb>;

const css = readFileSync(path.join(import.meta.dirname, "../../app/globals.css"), "utf8");

function parsePalette(block: string): Palette {
  const palette: Palette = {};
  for (const match of block.matchAll(/--color-([a-z-]+):\s*(\d+)\s+(\d+)\s+(\d+)\s*;/g)) {
    const [, name, r, g, b] = match;
    if (name && r && g && b) palette[name] = [Number(r), Number(g), Number(b)];
  }
  return palette;
}

const darkStart = css.indexOf("@media (prefers-color-scheme: dark)");
const light = parsePalette(css.slice(0, darkStart));
const dark = { ...light, ...parsePalette(css.slice(darkStart)) };

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// What `bg-success/10` looks like on a surface.
function tint(color: Rgb, over: Rgb, alpha: number): Rgb {
  return color.map((c, i) => Math.round(c * alpha + over[i]! * (1 - alpha))) as Rgb;
}

function get(palette: Palette, name: string): Rgb {
  const value = palette[name];
  if (!value) throw new Error(`globals.css has no --color-${name}`);
  return value;
}

const TEXT = ["foreground", "muted", "primary", "danger", "success", "warning"];
const BACKGROUNDS = ["background", "surface", "surface-muted"];
const TINTED = ["primary", "danger", "success", "warning", "muted"];

describe.each([
  ["light", light],
  ["dark", dark],
])("%s colour tokens", (_scheme, palette) => {
  it("defines the same tokens as the other scheme", () => {
    expect(Object.keys(palette).sort()).toEqual(Object.keys(light).sort());
    expect(Object.keys(parsePalette(css.slice(darkStart))).sort()).toEqual(
      Object.keys(light).sort(),
    );
  });

  for (const bg of BACKGROUNDS) {
    for (const fg of TEXT) {
      it(`${fg} text on ${bg} reaches 4.5:1`, () => {
        expect(contrast(get(palette, fg), get(palette, bg))).toBeGreaterThanOrEqual(4.5);
      });
    }
    for (const ui of ["border-strong", "focus"]) {
      it(`${ui} on ${bg} reaches 3:1`, () => {
        expect(contrast(get(palette, ui), get(palette, bg))).toBeGreaterThanOrEqual(3);
      });
    }
  }

  for (const [fill, text] of [
    ["primary", "primary-foreground"],
    ["primary-hover", "primary-foreground"],
    ["danger", "danger-foreground"],
    ["danger-hover", "danger-foreground"],
  ] as const) {
    it(`${text} on a ${fill} button reaches 4.5:1`, () => {
      expect(contrast(get(palette, text), get(palette, fill))).toBeGreaterThanOrEqual(4.5);
    });
  }

  for (const name of TINTED) {
    it(`${name} text on its own 10% tint reaches 4.5:1`, () => {
      const color = get(palette, name);
      for (const bg of BACKGROUNDS) {
        expect(contrast(color, tint(color, get(palette, bg), 0.1))).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
