import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";

// Every page a journey visits is saved to e2e/.screenshots/<project>/ (git-ignored) so a human
// (or a reviewing agent) can look at the rendering on desktop and phone after a run.
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = path.join(
    import.meta.dirname,
    "..",
    ".screenshots",
    testInfo.project.name,
    `${name}.png`,
  );
  // CSS pixels keep phone screenshots small enough to review at a glance.
  await page.screenshot({ path: file, fullPage: true, scale: "css" });
}
