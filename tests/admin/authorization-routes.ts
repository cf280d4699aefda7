// Finds every admin entry point in the source tree, so the authorization inventory (vitest:
// tests/admin/authorization-inventory.test.ts, Playwright: e2e/admin-authorization.spec.ts)
// never depends on someone remembering to list a new page:
// - pages and layouts whose URL is /admin or below (route groups ignored, so a page added as
//   app/(anything)/admin/x/page.tsx counts too);
// - route handlers whose URL is /admin… or /api/admin…;
// - server action modules ("use server" files) under an admin route or in an admin folder,
//   and inline "use server" functions in any of those files.
// It also checks statically that each of them calls the guard before doing anything else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

// "inline": a component or helper that defines `async function x() { "use server"; … }` inside
// itself; only the static check can see those.
export type EntryKind = "page" | "layout" | "route" | "actions" | "inline";

export type AdminEntry = {
  kind: EntryKind;
  file: string; // relative to the repo root, with forward slashes
  url: string | null; // for pages, layouts and routes: the URL pattern, e.g. /admin/plans/[id]
};

const SOURCE = /\.(ts|tsx)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** app/(admin)/admin/plans/[id]/page.tsx → /admin/plans/[id]: groups and slots dropped. */
export function urlOf(appFile: string): string {
  const segments = appFile.split("/").slice(1, -1);
  const kept = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${kept.join("/")}`;
}

const isAdminUrl = (url: string) => /^\/(api\/)?admin(\/|$)/.test(url);

function hasUseServerDirective(source: ts.SourceFile): boolean {
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

function parse(file: string): ts.SourceFile {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

/** Every admin page, layout, route handler and server-action module, sorted by path. */
export function findAdminEntries(): AdminEntry[] {
  const entries: AdminEntry[] = [];
  for (const full of walk(path.join(ROOT, "app"))) {
    const file = relative(full);
    const name = path.basename(file).replace(SOURCE, "");
    const url = urlOf(file);
    if ((name === "page" || name === "layout" || name === "route") && isAdminUrl(url)) {
      entries.push({ kind: name, file, url });
    } else if (
      (isAdminUrl(url) || file.startsWith("app/(admin)/")) &&
      hasUseServerDirective(parse(file))
    ) {
      entries.push({ kind: "actions", file, url: null });
    }
    // The admin route group's own layout guards /admin even though the group is not a segment.
    if (file === "app/(admin)/layout.tsx" && !entries.some((e) => e.file === file)) {
      entries.push({ kind: "layout", file, url: "/admin" });
    }
  }
  // Server actions defined outside app/ but for the admin (components/admin, lib/admin).
  for (const folder of ["components/admin", "lib/admin"]) {
    for (const full of walk(path.join(ROOT, folder))) {
      const file = relative(full);
      if (hasUseServerDirective(parse(file))) entries.push({ kind: "actions", file, url: null });
      else if (readFileSync(full, "utf8").includes("use server")) {
        entries.push({ kind: "inline", file, url: null });
      }
    }
  }
  return entries.sort((a, b) => a.file.localeCompare(b.file));
}

/** A concrete URL for a pattern: dynamic segments become `id` (catch-alls: one segment). */
export function concreteUrl(pattern: string, id: string): string {
  return pattern
    .replace(/\/\[\[\.\.\.[^\]]+\]\]/g, "")
    .replace(/\[\.\.\.[^\]]+\]/g, id)
    .replace(/\[[^\]]+\]/g, id);
}

/** The params object Next passes for a pattern, with every dynamic segment set to `id`. */
export function paramsFor(pattern: string, id: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const match of pattern.matchAll(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g)) {
    const name = match[3]!;
    params[name] = match[2] ? (match[1] ? [] : [id]) : id;
  }
  return params;
}

// ---------------------------------------------------------------------------------------------
// Static check: the guard comes first.

const GUARDS = new Set(["requireAdmin", "requireAdminApi"]);
// What may run before the guard: reading the route's own params and parsing them. Nothing
// that reads the database, the session, or the request body.
const HARMLESS_CALLS = new Set([
  "parse",
  "safeParse",
  "encodeURIComponent",
  "decodeURIComponent",
  "String",
  "Number",
]);
// Reading the submitted form or the URL's own query: `formData.get("id")`, `searchParams.get(…)`.
const INPUT_OBJECTS = new Set(["formData", "searchParams", "params"]);
const INPUT_READS = new Set(["get", "getAll", "has"]);

/** The identifier a call chain starts from: `z` for z.uuid().safeParse(x). */
function rootOf(node: ts.Expression): string | null {
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isIdentifier(current)) return current.text;
    if (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) {
      current = current.expression;
    } else return null;
  }
}

function isHarmless(call: ts.CallExpression): boolean {
  const callee = call.expression;
  // Building a zod schema (z.uuid(), z.object({…})) reads nothing.
  if (rootOf(callee) === "z") return true;
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    INPUT_OBJECTS.has(callee.expression.text) &&
    INPUT_READS.has(callee.name.text)
  ) {
    return true;
  }
  return HARMLESS_CALLS.has(calleeName(call) ?? "");
}

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** Calls in `node`, not looking inside nested functions or conditional branches. */
function unconditionalCalls(node: ts.Node): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (n !== node && (ts.isFunctionLike(n) || ts.isConditionalExpression(n))) return;
    if (ts.isBinaryExpression(n) && /^(&&|\|\||\?\?)$/.test(n.operatorToken.getText())) {
      visit(n.left);
      return;
    }
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return calls;
}

function callsIn(node: ts.Node): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return calls;
}

function awaitsIn(node: ts.Node): ts.AwaitExpression[] {
  const found: ts.AwaitExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isAwaitExpression(n)) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Why `fn` is not guarded first, or null when it is. */
function guardProblem(fn: FunctionLike, guards: Set<string>): string | null {
  const body = fn.body;
  if (!body) return "has no body";
  if (!ts.isBlock(body)) {
    return unconditionalCalls(body).some((c) => guards.has(calleeName(c) ?? ""))
      ? null
      : "never calls requireAdmin/requireAdminApi";
  }
  for (const statement of body.statements) {
    const guarded =
      (ts.isExpressionStatement(statement) ||
        ts.isVariableStatement(statement) ||
        ts.isReturnStatement(statement)) &&
      unconditionalCalls(statement).some((c) => guards.has(calleeName(c) ?? ""));
    if (guarded) return null;
    if (callsIn(statement).some((c) => guards.has(calleeName(c) ?? ""))) {
      return "calls the guard only conditionally (inside an if, a callback or a short-circuit)";
    }
    const risky = callsIn(statement).find((c) => !isHarmless(c));
    if (risky) {
      return `calls ${risky.expression.getText()}() before requireAdmin/requireAdminApi`;
    }
    const awaited = awaitsIn(statement).find(
      (a) => !ts.isIdentifier(a.expression) && !ts.isPropertyAccessExpression(a.expression),
    );
    if (awaited) return `awaits ${awaited.expression.getText()} before the guard`;
  }
  return "never calls requireAdmin/requireAdminApi unconditionally";
}

function hasExport(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function hasDefault(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
  );
}

function isAsync(fn: FunctionLike): boolean {
  return (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** Top-level functions of a file by name (declarations and `const x = async () => …`). */
function localFunctions(source: ts.SourceFile): Map<string, FunctionLike> {
  const functions = new Map<string, FunctionLike>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      functions.set(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (
          ts.isIdentifier(d.name) &&
          d.initializer &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        ) {
          functions.set(d.name.text, d.initializer);
        }
      }
    }
  }
  return functions;
}

export type GuardFinding = { file: string; exportName: string; problem: string };

/**
 * For each entry, the exported functions that must authorize (a page's or layout's default
 * export, a route handler's HTTP methods, every exported function of a "use server" module,
 * and inline "use server" functions), and what is wrong with each that does not come first.
 * A local helper that itself starts with the guard (`async function actor() { await
 * requireAdmin(); … }`) counts as the guard.
 */
export function checkGuardsFirst(entries: AdminEntry[]): GuardFinding[] {
  const findings: GuardFinding[] = [];
  for (const entry of entries) {
    const source = parse(entry.file);
    const locals = localFunctions(source);
    const guards = new Set(GUARDS);
    // Helpers that guard first are guards too (to a fixed point: helpers of helpers).
    for (let grew = true; grew;) {
      grew = false;
      for (const [name, fn] of locals) {
        if (!guards.has(name) && guardProblem(fn, guards) === null) {
          guards.add(name);
          grew = true;
        }
      }
    }

    const targets: [string, FunctionLike][] = [];
    for (const statement of source.statements) {
      if (ts.isFunctionDeclaration(statement) && hasExport(statement)) {
        const name = hasDefault(statement) ? "default" : (statement.name?.text ?? "?");
        targets.push([name, statement]);
      } else if (ts.isVariableStatement(statement) && hasExport(statement)) {
        for (const d of statement.declarationList.declarations) {
          const init = d.initializer;
          if (
            ts.isIdentifier(d.name) &&
            init &&
            (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
          ) {
            targets.push([d.name.text, init]);
          }
        }
      } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
        const fn = locals.get(statement.expression.text);
        if (fn) targets.push(["default", fn]);
      }
    }

    const mustGuard = ([name, fn]: [string, FunctionLike]) => {
      switch (entry.kind) {
        case "page":
        case "layout":
          return name === "default";
        case "route":
          return HTTP_METHODS.has(name);
        case "actions":
          return isAsync(fn);
        case "inline":
          return false;
      }
    };
    for (const target of targets.filter(mustGuard)) {
      const problem = guardProblem(target[1], guards);
      if (problem) findings.push({ file: entry.file, exportName: target[0], problem });
    }

    // Inline server actions: `async function save() { "use server"; … }` inside a component.
    const visit = (node: ts.Node) => {
      if (
        (ts.isFunctionDeclaration(node) ||
          ts.isFunctionExpression(node) ||
          ts.isArrowFunction(node)) &&
        node.body &&
        ts.isBlock(node.body)
      ) {
        const first = node.body.statements[0];
        if (
          first &&
          ts.isExpressionStatement(first) &&
          ts.isStringLiteral(first.expression) &&
          first.expression.text === "use server"
        ) {
          const problem = guardProblem(node, guards);
          const name = ts.isFunctionDeclaration(node) ? (node.name?.text ?? "inline") : "inline";
          if (problem)
            findings.push({
              file: entry.file,
              exportName: `${name} (inline "use server")`,
              problem,
            });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}
