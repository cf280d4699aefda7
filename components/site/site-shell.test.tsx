// What every storefront page wears: the test-mode notice while payments run in the sandbox, and
// a footer that shows only the business details the merchant really filled in.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_BUSINESS_NAME } from "@/lib/merchant/missing-business-details";
import { SiteShell } from "./site-shell";

const EMPTY = {
  businessName: PLACEHOLDER_BUSINESS_NAME,
  representativeName: null,
  businessRegistrationNumber: null,
  mailOrderRegistrationNumber: null,
  businessAddress: null,
  supportPhone: null,
  supportEmail: null,
};

const render = (props: Partial<Parameters<typeof SiteShell>[0]> = {}) =>
  renderToStaticMarkup(
    <SiteShell user={null} settings={EMPTY} paymentMode="sandbox" {...props}>
      <p>본문</p>
    </SiteShell>,
  );

describe("SiteShell", () => {
  it("shows a labelled test-mode notice above the header in the sandbox, and none when live", () => {
    const sandbox = render();
    expect(sandbox).toContain('aria-label="테스트 모드 안내"');
    expect(sandbox).toContain("실제로 결제되지 않아요");
    expect(sandbox.indexOf("테스트 모드 안내")).toBeLessThan(sandbox.indexOf("<header"));
    // The skip link stays the first tab stop, fixed to the viewport rather than inside the
    // header (whose backdrop-filter would pin it under the notice, half visible).
    expect(sandbox.indexOf("본문으로 건너뛰기")).toBeLessThan(sandbox.indexOf("테스트 모드 안내"));

    expect(render({ paymentMode: "live" })).not.toContain("테스트 모드");
  });

  it("never shows a placeholder for a missing business detail", () => {
    const footer = /<footer[\s\S]*<\/footer>/.exec(render())?.[0] ?? "";
    expect(footer).not.toContain("등록 필요");
    for (const term of [
      "상호",
      "대표자",
      "사업자등록번호",
      "통신판매업 신고번호",
      "주소",
      "고객센터",
    ]) {
      expect(footer).not.toContain(`>${term}</dt>`);
    }
  });

  it("shows each detail the merchant filled in, and only those", () => {
    const footer =
      /<footer[\s\S]*<\/footer>/.exec(
        render({
          settings: {
            ...EMPTY,
            businessName: "주식회사 구독상점",
            businessRegistrationNumber: "123-45-67890",
            supportEmail: "help@shop.kr",
          },
        }),
      )?.[0] ?? "";
    expect(footer).toContain(">상호</dt><dd");
    expect(footer).toContain("주식회사 구독상점</dd>");
    expect(footer).toContain("123-45-67890");
    expect(footer).toContain("help@shop.kr");
    expect(footer).not.toContain(">대표자</dt>");
    expect(footer).not.toContain(">주소</dt>");
  });
});
