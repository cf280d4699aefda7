// ESLint 9 flat config: Next's core-web-vitals rules (React, hooks, a11y, Next), typescript-eslint
// with type information, and Drizzle's guard against whole-table UPDATE/DELETE.
import nextVitals from "eslint-config-next/core-web-vitals";
import { defineConfig, globalIgnores } from "eslint/config";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// Our code reaches the database as `db()`, a transaction `tx`, or a passed-in `executor`
// (lib/db/client.ts). The plugin matches the callee name too, so `db().delete(t)` is caught.
const drizzleObjectName = ["db", "tx", "executor"];

export default defineConfig(
  globalIgnores([
    ".next/**",
    "node_modules/**",
    ".data/**",
    "drizzle/meta/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/.screenshots/**",
    "next-env.d.ts",
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
