// ESLint 9 flat config: Next's core-web-vitals rules (React, hooks, a11y, Next), typescript-eslint
// with type information, and Drizzle's guard against whole-table UPDATE/DELETE.
import nextVitals from "eslint-config-next/core-web-vitals";
import { defineConfig, globalIgnores } from "eslint/config";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// Our code reaches the database as `db()`, a transaction `tx`, or a passed-in `executor`
// (lib/db/client.ts). The plugin matches the callee name too, so `db().delete(t)` is caught.
const drizzleObjectName = ["db", "tx", "executor"];

// Imports run one way: a folder of lib/ may import only folders on a lower layer (and itself);
// nothing in lib/ imports app/ or components/. Lowest first:
//   0  env, errors                   configuration, the one error type
//   1  db, crypto, security          the database, the billing-key cipher, headers
//   2  format, payments, sandbox,    formatting; providers behind one type and their local
//      cron, audit, plans,           emulators; cron bookkeeping; the audit log and its Actor;
//      rate-limit                    plans; rate limits
//   3  merchant                      the merchant's settings and business details
//   4  notifications, legal,         the outbox and its templates; terms and agreements;
//      receipts                      what a receipt shows and the cash-receipt choice
//   5  billing, auth                 the engine; sign-in
//   6  payment-methods, refunds      registering methods (may start a first charge); refunds
//   7  subscriptions                 checkout, the customer's account and its renewal preview
//   8  admin, jobs                   the back office; what the cron routes run
//      app/, components/             on top of everything
// A new folder gets a layer here, or lint fails on nothing and the rule guards nothing for it.
// Across folders imports use the "@/" alias, which is what the patterns match.
const LIB_LAYERS = [
  ["env", "errors"],
  ["db", "crypto", "security"],
  ["format", "payments", "sandbox", "cron", "audit", "plans", "rate-limit"],
  ["merchant"],
  ["notifications", "legal", "receipts"],
  ["billing", "auth"],
  ["payment-methods", "refunds"],
  ["subscriptions"],
  ["admin", "jobs", "account"],
];
const TOP = ["app", "components"];

function importBoundary(folder, layer) {
  const above = LIB_LAYERS.flatMap((names, i) =>
    i < layer ? [] : names.filter((name) => name !== folder),
  );
  const lib = above.map((name) => `@/lib/${name}`);
  return {
    files: [`lib/${folder}/**`, `lib/${folder}.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...lib, ...lib.map((p) => `${p}/**`)],
              message: `lib/${folder} sits on layer ${layer} of eslint.config.mjs's LIB_LAYERS: it may import only lower layers. Move the shared piece down, or the caller up.`,
            },
            {
              group: TOP.flatMap((top) => [`@/${top}`, `@/${top}/**`]),
              message: "lib/ never imports app/ or components/: pass what it needs in.",
            },
          ],
        },
      ],
    },
  };
}

const importBoundaries = LIB_LAYERS.flatMap((names, layer) =>
  names.map((folder) => importBoundary(folder, layer)),
);

export default defineConfig(
  globalIgnores([
    "**/.next/**",
    "node_modules/**",
    ".data/**",
    "drizzle/meta/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/.screenshots/**",
    "**/next-env.d.ts",
  ]),
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName }],
      // `_`-prefixed names are deliberately unused (placeholders in destructuring, signatures
      // a framework dictates).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // Server actions and form handlers are passed as `action={fn}` / `onSubmit={…}`; React
      // handles the returned promise, so only flag promises in places nothing awaits.
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      // Server actions must be `async` even when they await nothing, and so must some Next
      // config hooks (`headers()`); an async function without await is harmless elsewhere.
      "@typescript-eslint/require-await": "off",
      // Numbers (amounts, counts) are interpolated into messages all the time; objects are not.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  ...importBoundaries,
  {
    // Plain JS config files are not in the TypeScript project.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configs (next, postcss, tailwind, vitest, playwright) export an anonymous object
    // by convention.
    files: ["*.config.{js,mjs,cjs,ts}"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
  {
    // Tests assert on loosely typed values (JSON bodies, raw rows) on purpose.
    files: ["tests/**", "e2e/**", "**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
