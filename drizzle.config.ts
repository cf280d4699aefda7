import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file; it needs no database connection.
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./lib/db/schema/index.ts",
    "./lib/sandbox/toss-pay/schema.ts",
    "./lib/sandbox/toss-payments/schema.ts",
    "./lib/sandbox/portone/schema.ts",
  ],
  out: "./drizzle",
  casing: "snake_case",
  strict: true,
});
