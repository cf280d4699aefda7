// npm run bench:pages -- [--no-build] [--lighthouse-runs 1] [--no-lighthouse] [--only /pricing]
//   [--detail] [--save-reports]
// What each storefront page costs a phone, beside a bare Next.js page measured in the same run:
// builds the app and scripts/bench/bare-next (unless --no-build), starts both production servers
// (`next start`; the app through scripts/e2e-server.ts: a fresh embedded PostgreSQL with the
// sample plans and the built-in sandbox), then for each page
//   - loads it in headless Chromium at 360 px and sums the bytes transferred per type (JS, CSS,
//     fonts: encoded size plus headers, as Lighthouse counts them; `next start` gzips), and
//   - runs Lighthouse (mobile preset: simulated slow 4G and 4× CPU slowdown) for the performance
//     score, LCP, TBT and CLS (median of --lighthouse-runs runs, by score).
// The checkout (/subscribe/basic) and the registration waiting page need a signed-in customer:
// the bench signs one up through the real forms and the emailed link, and starts a registration
// by consenting on the checkout, as a customer does. Prints a table, then the JSON.
// --detail lists every resource a page loaded; --save-reports writes each Lighthouse report
// (JSON) to .data/bench-pages/.
// Ports: E2E_PORT (default 3310) for the app, +1 for the bare app, +2 for Lighthouse's Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { z } from "zod";
import { mailLogPath } from "@/e2e/support/mailbox";
import { newCustomer } from "@/e2e/support/test-accounts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
// The narrowest phones in common use in Korea (playwright.config.ts "phone").
const PHONE = {
  viewport: { width: 360, height: 780 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  locale: "ko-KR",
  timezoneId: "Asia/Seoul",
};

const argsSchema = z.object({
  "no-build": z.boolean().default(false),
  "no-lighthouse": z.boolean().default(false),
  "lighthouse-runs": z.coerce.number().int().min(1).max(9).default(1),
  only: z.array(z.string().max(200)).max(20).default([]),
  detail: z.boolean().default(false),
  "save-reports": z.boolean().default(false),
});

type Bytes = { js: number; css: number; font: number; document: number; total: number };
type Resource = { url: string; type: string; bytes: number };
type LighthouseFigures = {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  lcpElement: string | null;
};
type PageResult = {
  app: "bare" | "store";
  page: string;
  url: string;
  bytes: Bytes;
  fontFiles: number;
  /** FCP, LCP and the LCP element as the unthrottled load saw them. */
  observed: { element: string | null; ms: number | null; fcpMs: number | null };
  fontsUsed: string[];
  lighthouse: LighthouseFigures | { error: string } | null;
  resources?: Resource[];
};

const log = (message: string) => process.stderr.write(`[bench:pages] ${message}\n`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "inherit"], env });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

async function waitForUrl(url: string, child: ChildProcess, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited (${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
}

function kb(bytes: number) {
  return Math.round(bytes / 102.4) / 10;
}

/**
 * Loads `url` in a fresh page with the cache off and sums what the network transferred per
 * resource type (Chromium's encodedDataLength: compressed body plus headers), until the network
 * is idle and the fonts are loaded.
 */
async function transferredBytes(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = new Map<string, { url: string; type: string }>();
  const resources: Resource[] = [];
  cdp.on("Network.responseReceived", (event) => {
    requests.set(event.requestId, { url: event.response.url, type: event.type });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const request = requests.get(event.requestId);
    if (request) resources.push({ ...request, bytes: event.encodedDataLength });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(500);
  // FCP, LCP and the LCP element, unthrottled (Lighthouse 12 cannot always name the element).
  const lcp = await page.evaluate(
    () =>
      new Promise<{ element: string | null; ms: number | null; fcpMs: number | null }>(
        (resolve) => {
          const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
          const fcpMs = fcp === undefined ? null : Math.round(fcp);
          new PerformanceObserver((list) => {
            const entry = list.getEntries().at(-1);
            const element =
              entry && "element" in entry && entry.element instanceof Element
                ? entry.element
                : null;
            const text = (element?.textContent ?? "").trim().slice(0, 40);
            resolve({
              element: element ? `<${element.tagName.toLowerCase()}> ${text}` : null,
              ms: entry ? Math.round(entry.startTime) : null,
              fcpMs,
            });
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => resolve({ element: null, ms: null, fcpMs }), 1000);
        },
      ),
  );
  // The faces the page actually drew text with.
  const fontsUsed = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.weight}`),
  );
  await page.close();
  const sum = (type: string) =>
    resources.filter((r) => r.type === type).reduce((total, r) => total + r.bytes, 0);
  const bytes: Bytes = {
    js: sum("Script"),
    css: sum("Stylesheet"),
    font: sum("Font"),
    document: sum("Document"),
    total: resources.reduce((total, r) => total + r.bytes, 0),
  };
  return {
    bytes,
    resources,
    fontFiles: resources.filter((r) => r.type === "Font").length,
    lcp,
    fontsUsed,
  };
}

type Lighthouse = (
  url: string,
  extraHeaders?: Record<string, string>,
) => Promise<LighthouseFigures | { error: string }>;

/** Lighthouse's Node API on its own Chromium (chrome-launcher), mobile preset, performance only. */
async function startLighthouse(port: number, runs: number, reportDir: string | null) {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
    import("lighthouse"),
    import("chrome-launcher"),
  ]);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_FLAGS,
    port,
    logLevel: "silent",
  });
  const once = async (url: string, extraHeaders?: Record<string, string>) => {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders,
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error("Lighthouse returned no result");
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      const name = `${new URL(url).port}${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "_")}`;
      writeFileSync(path.join(reportDir, `${name}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const lcpItems = (
      lhr.audits["largest-contentful-paint-element"]?.details as
        { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined
    )?.items?.[0]?.items;
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      lcpMs: Math.round(numeric("largest-contentful-paint")),
      tbtMs: Math.round(numeric("total-blocking-time")),
      cls: Math.round(numeric("cumulative-layout-shift") * 1000) / 1000,
      fcpMs: Math.round(numeric("first-contentful-paint")),
      lcpElement: lcpItems?.[0]?.node?.snippet?.slice(0, 120) ?? null,
    };
  };
  const measure: Lighthouse = async (url, extraHeaders) => {
    try {
      const results: LighthouseFigures[] = [];
      for (let i = 0; i < runs; i += 1) results.push(await once(url, extraHeaders));
      results.sort((a, b) => a.score - b.score || b.lcpMs - a.lcpMs);
      return results[Math.floor(results.length / 2)]!;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  return { measure, close: () => chrome.kill() };
}

/** Reads the verification link the app emailed to `to` from the e2e server's mail log. */
async function verificationLink(port: number, to: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const file = mailLogPath(port);
    const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
    for (const line of lines.reverse()) {
      if (!line.trim()) continue;
      const mail = JSON.parse(line) as { to: string[]; text: string };
      if (!mail.to.includes(to)) continue;
      const link = /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+\S*/.exec(mail.text)?.[0];
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no verification email to ${to}`);
}

/** A customer signed up through the real forms (as e2e/support/auth.ts does), signed in. */
async function signedUpCustomer(browser: Browser, appUrl: string, port: number) {
  const customer = newCustomer("bench");
  const context = await browser.newContext({ ...PHONE, baseURL: appUrl });
  const page = await context.newPage();
  await page.goto("/sign-up", { waitUntil: "networkidle" });
  await page.getByRole("textbox", { name: "이메일" }).fill(customer.email);
  await page.getByLabel("비밀번호").fill(customer.password);
  await page.getByRole("checkbox", { name: "[필수] 이용약관에 동의해요" }).check();
  await page.getByRole("checkbox", { name: "[필수] 개인정보 수집·이용에 동의해요" }).check();
  await page.getByRole("button", { name: "가입하기" }).click();
  await page.getByText("확인 메일을 보냈어요").waitFor();
  await page.goto(await verificationLink(port, customer.email), { waitUntil: "networkidle" });
  await page.getByLabel("비밀번호").fill(customer.password);
  await page.getByRole("button", { name: "이메일 확인하고 로그인" }).click();
  await page.getByRole("button", { name: "로그아웃" }).waitFor();
  await page.close();
  return context;
}

/** Consents on the checkout and starts a Toss Pay registration; returns its waiting page. */
async function startRegistration(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/subscribe/basic", { waitUntil: "networkidle" });
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "토스페이로 결제수단 등록" }).click();
  await page.waitForURL(/\/payment-methods\/[0-9a-f-]{36}$/);
  const waitingPath = new URL(page.url()).pathname;
  await page.close();
  return waitingPath;
}

async function cookieHeader(context: BrowserContext) {
  const cookies = await context.cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

function printTable(results: PageResult[]) {
  const bare = results.find((r) => r.app === "bare" && r.page === "/dynamic") ?? results[0];
  const rows = results.map((r) => {
    const lh = r.lighthouse && "score" in r.lighthouse ? r.lighthouse : null;
    return [
      `${r.app === "bare" ? "bare " : ""}${r.page}`,
      kb(r.bytes.js).toFixed(1),
      bare && bare.bytes.js ? (r.bytes.js / bare.bytes.js).toFixed(2) : "-",
      kb(r.bytes.css).toFixed(1),
      kb(r.bytes.font).toFixed(1),
      String(r.fontFiles),
      kb(r.bytes.total).toFixed(1),
      lh ? String(lh.score) : r.lighthouse && "error" in r.lighthouse ? "err" : "-",
      lh ? (lh.lcpMs / 1000).toFixed(2) : "-",
      lh ? String(lh.tbtMs) : "-",
      lh ? lh.cls.toFixed(3) : "-",
    ];
  });
  const header = [
    "page",
    "JS KB",
    "×bare",
    "CSS KB",
    "font KB",
    "fonts",
    "total KB",
    "LH",
    "LCP s",
    "TBT ms",
    "CLS",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const r of results) {
    if (r.lighthouse && "error" in r.lighthouse) {
      console.log(`Lighthouse on ${r.page}: ${r.lighthouse.error}`);
    }
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      "no-build": { type: "boolean" },
      "no-lighthouse": { type: "boolean" },
      "lighthouse-runs": { type: "string" },
      only: { type: "string", multiple: true },
      detail: { type: "boolean" },
      "save-reports": { type: "boolean" },
    },
  });
  const args = argsSchema.parse(values);
  const port = Number(process.env.E2E_PORT ?? 3310);
  const barePort = port + 1;
  const lighthousePort = port + 2;
  const appUrl = `http://localhost:${port}`;
  const bareUrl = `http://localhost:${barePort}`;
  const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
  const loadBefore = loadavg().map((l) => Math.round(l * 10) / 10);

  if (!args["no-build"]) {
    log("building the app (next build)");
    await run(nextBin, ["build"]);
    log("building the bare Next.js app (scripts/bench/bare-next)");
    await run(nextBin, ["build", "scripts/bench/bare-next"]);
  }

  let app: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  let browser: Browser | null = null;
  let lighthouse: Awaited<ReturnType<typeof startLighthouse>> | null = null;
  try {
    log(`starting the app on ${appUrl} (scripts/e2e-server.ts) and the bare app on ${bareUrl}`);
    app = spawn(
      path.join(process.cwd(), "node_modules", ".bin", "tsx"),
      ["scripts/e2e-server.ts"],
      {
        env: { ...process.env, E2E_PORT: String(port) },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    bare = spawn(nextBin, ["start", "scripts/bench/bare-next", "--port", String(barePort)], {
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await Promise.all([waitForUrl(`${appUrl}/`, app, 180), waitForUrl(`${bareUrl}/`, bare, 60)]);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS.slice(1) });
    if (!args["no-lighthouse"]) {
      try {
        lighthouse = await startLighthouse(
          lighthousePort,
          args["lighthouse-runs"],
          args["save-reports"] ? path.resolve(".data", "bench-pages") : null,
        );
      } catch (error) {
        log(`Lighthouse cannot run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const anonymous = await browser.newContext(PHONE);
    let customer: BrowserContext | null = null;
    const signedIn = async () => (customer ??= await signedUpCustomer(browser!, appUrl, port));
    let waitingPath: string | null = null;

    type Target = {
      app: PageResult["app"];
      page: string;
      base: string;
      path: () => Promise<string>;
      context: () => Promise<BrowserContext>;
    };
    const targets: Target[] = [
      ...["/", "/dynamic"].map((p) => ({
        app: "bare" as const,
        page: p,
        base: bareUrl,
        path: async () => p,
        context: async () => anonymous,
      })),
      ...["/", "/pricing", "/sign-in", "/sign-up"].map((p) => ({
        app: "store" as const,
        page: p,
        base: appUrl,
        path: async () => p,
        context: async () => anonymous,
      })),
      // Before the registration below: afterwards the checkout shows "이어서 등록하기".
      {
        app: "store",
        page: "/subscribe/basic",
        base: appUrl,
        path: async () => "/subscribe/basic",
        context: signedIn,
      },
      {
        app: "store",
        page: "/payment-methods/<id> (waiting)",
        base: appUrl,
        path: async () => (waitingPath ??= await startRegistration(await signedIn())),
        context: signedIn,
      },
    ];

    const results: PageResult[] = [];
    for (const target of targets) {
      if (args.only.length > 0 && target.app === "store" && !args.only.includes(target.page)) {
        continue;
      }
      const context = await target.context();
      const url = `${target.base}${await target.path()}`;
      log(`measuring ${url}`);
      const measured = await transferredBytes(context, url);
      const cookie = context === anonymous ? "" : await cookieHeader(context);
      const lh = lighthouse
        ? await lighthouse.measure(url, cookie ? { Cookie: cookie } : undefined)
        : null;
      results.push({
        app: target.app,
        page: target.page,
        url,
        bytes: measured.bytes,
        fontFiles: measured.fontFiles,
        observed: measured.lcp,
        fontsUsed: measured.fontsUsed,
        lighthouse: lh,
        ...(args.detail ? { resources: measured.resources } : {}),
      });
    }
    await anonymous.close();

    printTable(results);
    console.log(
      JSON.stringify(
        {
          lighthouse: lighthouse
            ? { preset: "mobile (default config)", runsPerPage: args["lighthouse-runs"] }
            : null,
          loadAverage: { before: loadBefore, after: loadavg().map((l) => Math.round(l * 10) / 10) },
          pages: results.map((r) => ({
            ...r,
            kb: {
              js: kb(r.bytes.js),
              css: kb(r.bytes.css),
              font: kb(r.bytes.font),
              total: kb(r.bytes.total),
            },
          })),
        },
        null,
        2,
      ),
    );
  } finally {
    lighthouse?.close();
    await browser?.close();
    await Promise.all([stop(app), stop(bare)]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
