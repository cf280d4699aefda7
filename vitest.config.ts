import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, "tests/setup/empty-module.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts", "{app,lib,components,scripts}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", ".next/**", ".data/**", "e2e/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/database-per-file.ts"],
    // Child processes rather than threads: native modules (argon2, postgres sockets) and
    // per-file process.env are simplest to reason about in a process of their own.
    pool: "forks",
    // Each test file is I/O-bound against a PostgreSQL that shares the same cores; one worker
    // per core keeps the server responsive on the 2-core CI machines.
    maxWorkers: Math.max(2, Math.min(4, availableParallelism())),
    // Real database work (clone, migrations already in the template, argon2 hashing) is slower
    // than pure unit tests, especially with two workers on two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: {
      deps: {
        // next-auth's ESM imports `next/server` without an extension, which only a bundler
        // resolves; letting vite process it makes lib/auth importable in tests.
        inline: ["next-auth", "@auth/core"],
      },
    },
  },
});
