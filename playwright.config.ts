import { defineConfig, devices } from "@playwright/test";

// Journeys run against the BUILT app (`next build` first, see package.json test:e2e) on a fresh
// embedded PostgreSQL, started by scripts/e2e-server.ts. E2E_PORT lets two checkouts run at once.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// A second store whose merchant enabled every provider (Toss Pay, Toss Payments, PortOne), so
// its checkout offers 토스페이 / 카드 / 계좌 / 토스페이 (PortOne) while every other journey keeps
// the Toss Pay-only store it expects.
const multiProviderPort = port + 1;
const MULTI_PROVIDER_SPEC = /(toss-payments|portone)(-[a-z-]+)?\.spec\.ts$/;
// Journeys that run the billing engine as of a later month: it ends every registration still
// pending in that store (incomplete_expires_at has passed by then), so they run only once the
// store's other journeys are done (projects that depend on them).
const FUTURE_BILLING_SPEC = /-lifecycle\.spec\.ts$/;
// The consent journey publishes a new 이용약관 version, which sends every signed-in customer of
// the store to the consent step: it runs on the Toss Pay-only store once that store's other
// journeys are done, desktop then phone (targeted runs: --project=legal-desktop
// --project=legal-phone --no-deps).
const LEGAL_SPEC = /consent-and-legal\.spec\.ts$/;
const LIFECYCLE_SPECS = [
  { name: "toss-payments", match: /toss-payments-lifecycle\.spec\.ts$/ },
  { name: "portone", match: /portone-lifecycle\.spec\.ts$/ },
];

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

const desktop = {
  ...devices["Desktop Chrome"],
  launchOptions,
  viewport: { width: 1280, height: 800 },
};
// The narrowest phones in common use in Korea (Galaxy S series at 360 CSS px).
const phone = { ...devices["Pixel 7"], launchOptions, viewport: { width: 360, height: 780 } };

// Each lifecycle journey on each device, in the order they run (see the projects below).
const LIFECYCLE_RUNS = LIFECYCLE_SPECS.flatMap((spec) => [
  { name: `${spec.name}-lifecycle-desktop`, match: spec.match, device: desktop },
  { name: `${spec.name}-lifecycle-phone`, match: spec.match, device: phone },
]);

function e2eServer(serverPort: number, env: Record<string, string>) {
  return {
    command: "tsx scripts/e2e-server.ts",
    url: `http://localhost:${serverPort}/`,
    env: { E2E_PORT: String(serverPort), ...env },
    // Always a fresh database: never attach to a server left over from another run.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  };
}

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
    // A step that cannot happen fails in seconds, not at the test's timeout (a journey that
    // waits for a row that never comes would otherwise hold a worker for minutes).
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      testIgnore: [MULTI_PROVIDER_SPEC, LEGAL_SPEC],
      use: desktop,
    },
    {
      name: "phone",
      testIgnore: [MULTI_PROVIDER_SPEC, LEGAL_SPEC],
      use: phone,
    },
    {
      name: "legal-desktop",
      testMatch: LEGAL_SPEC,
      dependencies: ["desktop", "phone"],
      use: desktop,
    },
    {
      name: "legal-phone",
      testMatch: LEGAL_SPEC,
      dependencies: ["legal-desktop"],
      use: phone,
    },
    {
      name: "multi-provider-desktop",
      testMatch: MULTI_PROVIDER_SPEC,
      testIgnore: FUTURE_BILLING_SPEC,
      use: { ...desktop, baseURL: `http://localhost:${multiProviderPort}` },
    },
    {
      name: "multi-provider-phone",
      testMatch: MULTI_PROVIDER_SPEC,
      testIgnore: FUTURE_BILLING_SPEC,
      use: { ...phone, baseURL: `http://localhost:${multiProviderPort}` },
    },
    // One after another: each bills the whole store as of a later month, which ends every
    // registration still pending there, so a journey must never be mid-registration while
    // another one's billing run executes.
    ...LIFECYCLE_RUNS.map((run, i) => ({
      name: run.name,
      testMatch: run.match,
      dependencies:
        i === 0
          ? ["multi-provider-desktop", "multi-provider-phone"]
          : [LIFECYCLE_RUNS[i - 1]!.name],
      use: { ...run.device, baseURL: `http://localhost:${multiProviderPort}` },
    })),
  ],
  webServer: [
    e2eServer(port, {}),
    e2eServer(multiProviderPort, { E2E_ENABLED_PROVIDERS: "toss_pay,toss_payments,portone" }),
  ],
});
