// Every variable lib/env.ts accepts must be documented in .env.example and in the README's
// table, so a deploy never depends on reading the source. Add both when adding a variable.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

const read = (file: string) => readFileSync(file, "utf8");

// The schema's keys: `    NAME: z…` / `    NAME: optionalString…` lines inside z.object({ … }).
const variables = [...read("lib/env.ts").matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);

test("lib/env.ts declares the variables this test expects to find", () => {
  expect(variables).toEqual(
    expect.arrayContaining(["DATABASE_URL", "AUTH_SECRET", "BILLING_KEY_ENCRYPTION_KEY"]),
  );
});

test(".env.example lists every variable under a comment", () => {
  const lines = read(".env.example").split("\n");
  const isAssignment = (line: string) => /^#?\s*[A-Z][A-Z0-9_]+=/.test(line);
  const missing = variables.filter((name) => {
    let index = lines.findIndex((line) => new RegExp(`^#?\\s*${name}=`).test(line));
    if (index < 0) return true;
    // Related variables (AUTH_KAKAO_ID, AUTH_KAKAO_SECRET) may share one comment.
    while (index > 0 && isAssignment(lines[index - 1]!)) index--;
    return !lines[index - 1]?.startsWith("#");
  });
  expect(missing, "add these to .env.example, each under a # comment").toEqual([]);
});

test("the README's table has a row for every variable", () => {
  const rows = read("README.md")
    .split("\n")
    .filter((line) => line.startsWith("| `"));
  const missing = variables.filter((name) => !rows.some((row) => row.includes(`\`${name}\``)));
  expect(missing, "add these to the environment table in README.md").toEqual([]);
});

test("the README starts with the two commands a new developer needs", () => {
  const blocks = [...read("README.md").matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  expect(blocks.slice(0, 2)).toEqual(["npm install && npm run dev", "npm test"]);
});
