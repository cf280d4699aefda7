// The error boundary every page loads (app/error.tsx): what the customer sees and can do. Its
// way home is a plain link (a full load after an error), which also keeps next/link out of the
// boundary's client bundle.
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import ErrorPage from "@/app/error";

it("explains in Korean, shows the digest for support, and offers a retry and a full load of home", () => {
  const error = Object.assign(new Error("database down"), { digest: "1234567890" });
  const html = renderToStaticMarkup(<ErrorPage error={error} reset={() => {}} />);
  expect(html).toContain("일시적인 문제가 생겼어요");
  expect(html).toContain("오류 코드: <code");
  expect(html).toContain("1234567890");
  expect(html).not.toContain("database down"); // server details never reach the page
  expect(html).toMatch(/<button type="button"[^>]*>다시 시도<\/button>/);
  expect(html).toMatch(/<a href="\/" class="[^"]*border[^"]*">홈으로<\/a>/);
});
