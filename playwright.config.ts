import { defineConfig, devices } from "@playwright/test";

// Journeys run against the BUILT app (`next build` first, see package.json test:e2e) on a fresh
// embedded PostgreSQL, started by scripts/e2e-server.ts. E2E_PORT lets two checkouts run at once.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

// Chromium from the OS: Playwright's own browser download is not reachable on these machines.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  // Two cores: the app server, PostgreSQL and the browsers share them.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "phone",
      // The narrowest phones in common use in Korea (Galaxy S series at 360 CSS px).
      use: { ...devices["Pixel 7"], launchOptions, viewport: { width: 360, height: 780 } },
    },
  ],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `${baseURL}/`,
    env: { E2E_PORT: String(port) },
    // Always a fresh database: never attach to a server left over from another run.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
