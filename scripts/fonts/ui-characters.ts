import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The characters the storefront's own copy is written in: every string literal, template
// literal part and JSX text under these folders (code and comments are not shown to anyone).
// scripts/subset-pretendard.ts puts exactly these, plus printable ASCII, in the Pretendard faces
// every page preloads; the test in tests/fonts checks the committed fonts still cover them.
export const UI_SOURCE_ROOTS = ["app", "components", "lib"];

// Not our copy: the providers' own screens that the built-in sandbox imitates (their app and
// payment windows), which serve their own Pretendard (lib/sandbox/shared/assets.ts).
const NOT_UI = [/^app\/sandbox\//, /^lib\/sandbox\//, /\.test\.tsx?$/];

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, relative);
    if (!/\.tsx?$/.test(entry.name) || NOT_UI.some((pattern) => pattern.test(relative))) return [];
    return [relative];
  });
}

/** The text of every string, template part and JSX text node of one source file. */
export function stringsOf(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const strings: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      strings.push(node.text);
    } else if (ts.isJsxText(node)) {
      strings.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return strings;
}

/**
 * Every character outside printable ASCII that the UI's copy uses, in code point order, with
 * the first file that uses each (for messages).
 */
export function uiCharacters(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of UI_SOURCE_ROOTS) {
    for (const file of sourceFiles(root, dir)) {
      for (const text of stringsOf(file, readFileSync(path.join(root, file), "utf8"))) {
        for (const char of text) {
          const code = char.codePointAt(0)!;
          // Whitespace other than the space never reaches the screen as a glyph.
          if (code <= 0x7e || /\s/u.test(char)) continue;
          if (!found.has(char)) found.set(char, file);
        }
      }
    }
  }
  return new Map([...found].sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!));
}

/** Printable ASCII (U+0020–U+007E): in the preloaded faces whether or not the copy uses it. */
export const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) =>
  String.fromCharCode(0x20 + i),
).join("");
