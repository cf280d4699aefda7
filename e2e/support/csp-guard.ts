import { test as base, expect, type BrowserContext } from "@playwright/test";

// The journeys run under the production Content-Security-Policy (proxy.ts). A script Next
// forgot to tag with the nonce, an inline style the policy refuses or a form posting somewhere
// else would break the page for customers without failing an assertion, so every test that
// imports `test` from here fails when the browser reports a violation: Chromium's console
// error ("Refused to … Content Security Policy …") or a `securitypolicyviolation` event.

const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

/** Starts collecting CSP violations from every page of `context`; returns the list so far. */
export async function collectCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (message.type() === "error" && CSP_MESSAGE.test(message.text())) {
      violations.push(`${message.location().url}: ${message.text()}`);
    }
  });
  await context.exposeBinding("__reportCspViolation", ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void })
        .__reportCspViolation;
      report?.(
        `securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations = await collectCspViolations(context);
      await use(violations);
      expect(violations, "Content-Security-Policy violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
