// Code comments explain rules by citing the specifications in docs/ (`docs/billing.md
// "Charging"`, `docs/providers.md §1.4.6`). A citation is only worth something if a reader can
// follow it with the repository alone, so this test reads every tracked text file and fails,
// naming file:line, when a citation
//   - names a spec without its docs/ path (the spec then lives outside the repository),
//   - names a Markdown file that does not exist,
//   - cites a section (§1.4.6, or a quoted heading name) that the file has no heading for,
//   - points outside the repository (a /work/shared/ path).
// A quoted name matches a heading that starts with it (ignoring case and number), so a comment
// may quote the short form ("Charging") of a long heading, and a quote that wraps onto the next
// comment line still matches by its first part.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "../..");
const SCANNED = ["lib", "app", "components", "scripts", "drizzle", "e2e", "tests", "docs"];
const SPEC_NAMES = new Set(["billing.md", "providers.md", "style.md", "architecture.md"]);
const SELF = path.relative(root, self);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|sql|json|css|html|txt|ya?ml)$/;

function trackedFiles(): string[] {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--", ...SCANNED, "README.md"], {
      cwd: root,
      encoding: "utf8",
    });
    return out.split("\0").filter((f) => f !== "" && existsSync(path.join(root, f)));
  } catch {
    // Not a git checkout (an exported copy): walk the folders instead.
    const found: string[] = existsSync(path.join(root, "README.md")) ? ["README.md"] : [];
    const walk = (dir: string) => {
      for (const name of readdirSync(path.join(root, dir))) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        const rel = path.join(dir, name);
        if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
        else found.push(rel);
      }
    };
    for (const dir of SCANNED) if (existsSync(path.join(root, dir))) walk(dir);
    return found;
  }
}

type Heading = { number: string | null; name: string };

const headingCache = new Map<string, Heading[]>();

function headingsOf(file: string): Heading[] {
  const cached = headingCache.get(file);
  if (cached) return cached;
  const headings: Heading[] = [];
  let fenced = false;
  for (const line of readFileSync(path.join(root, file), "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!;
    const numbered = /^(\d+(?:\.\d+)*)\.?\s+(.*)$/.exec(text);
    headings.push(
      numbered ? { number: numbered[1]!, name: numbered[2]! } : { number: null, name: text },
    );
  }
  headingCache.set(file, headings);
  return headings;
}

const normalize = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

function hasNumberedSection(file: string, number: string): boolean {
  return headingsOf(file).some((h) => h.number === number);
}

function hasNamedSection(file: string, quoted: string): boolean {
  const wanted = normalize(quoted);
  return wanted !== "" && headingsOf(file).some((h) => normalize(h.name).startsWith(wanted));
}

// A Markdown path: `docs/billing.md`, `billing.md`, `lib/sandbox/toss-pay/README.md`.
const MD_PATH = /(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)(?![\w-])/g;
// What may follow a path: a closing backtick, then a quoted name or a run of § numbers.
const QUOTED = /^`?\s*"([^"\n]*)"?/;
const SECTIONS = /^`?\s*(§\d+(?:\.\d+)*(?:\s*(?:–|-|,|and|or)\s*§\d+(?:\.\d+)*)*)/;

function citationProblems(file: string, text: string, exists: (p: string) => boolean): string[] {
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    if (line.includes("/work/shared/")) {
      problems.push(`${at}: points outside the repository (/work/shared/…)`);
    }
    for (const match of line.matchAll(MD_PATH)) {
      const cited = match[1]!;
      let target: string | null = null;
      if (cited.startsWith("docs/")) {
        target = cited;
      } else if (SPEC_NAMES.has(cited)) {
        problems.push(`${at}: cites ${cited} without its path; write docs/${cited}`);
        continue;
      } else {
        // Another Markdown file: relative to the repository root or to the citing file.
        const candidates = [cited, path.posix.join(path.posix.dirname(file), cited)];
        target = candidates.find((c) => exists(c)) ?? null;
        if (!target) problems.push(`${at}: cites ${cited}, which does not exist`);
        continue;
      }
      if (!exists(target)) {
        problems.push(`${at}: cites ${target}, which does not exist`);
        continue;
      }
      const rest = line.slice((match.index ?? 0) + cited.length);
      const sections = SECTIONS.exec(rest);
      if (sections) {
        for (const number of sections[1]!.match(/§\d+(?:\.\d+)*/g) ?? []) {
          if (!hasNumberedSection(target, number.slice(1))) {
            problems.push(`${at}: ${target} has no heading numbered ${number}`);
          }
        }
        continue;
      }
      const quoted = QUOTED.exec(rest);
      if (quoted && !hasNamedSection(target, quoted[1]!)) {
        problems.push(`${at}: ${target} has no heading starting with "${quoted[1]!}"`);
      }
    }
  });
  return problems;
}

const exists = (p: string) => existsSync(path.join(root, p));

test("every citation of a document names a file in the repository and a section it has", () => {
  const problems: string[] = [];
  for (const file of trackedFiles()) {
    if (file === SELF || !TEXT.test(file)) continue;
    problems.push(...citationProblems(file, readFileSync(path.join(root, file), "utf8"), exists));
  }
  expect(problems, `fix these citations:\n${problems.join("\n")}`).toEqual([]);
});

test("the specifications exist and have the sections the code is built around", () => {
  for (const doc of ["docs/architecture.md", "docs/billing.md", "docs/providers.md"]) {
    expect(exists(doc), doc).toBe(true);
  }
  for (const number of ["1", "1.1", "1.4.3", "1.4.6", "1.4.7", "1.5", "1.7", "2", "3"]) {
    expect(hasNumberedSection("docs/providers.md", number), `providers §${number}`).toBe(true);
  }
  for (const name of ["Charging", "Dunning", "Plan changes", "Korean law", "Invariants"]) {
    expect(hasNamedSection("docs/billing.md", name), `billing "${name}"`).toBe(true);
  }
});

test("the checker catches what it is meant to catch", () => {
  const docs = new Set(["docs/billing.md", "docs/providers.md"]);
  const check = (line: string) => citationProblems("lib/x.ts", line, (p) => docs.has(p));
  expect(check('// (docs/billing.md "Charging" step 2)')).toEqual([]);
  expect(check("// (docs/providers.md §1.4.1–§1.4.2)")).toEqual([]);
  expect(check("// `docs/providers.md` §1 and its sandbox")).toEqual([]);
  expect(check('// (billing.md "Charging")')).toHaveLength(1);
  expect(check("// docs/providers.md §9.9")).toEqual([
    "lib/x.ts:1: docs/providers.md has no heading numbered §9.9",
  ]);
  expect(check('// docs/billing.md "No such rule"')).toHaveLength(1);
  expect(check("// see docs/nowhere.md")).toHaveLength(1);
  expect(check("// /work/shared/seeds/000.txt")).toHaveLength(1);
});
