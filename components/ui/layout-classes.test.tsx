import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Container } from "./container";
import { Table } from "./table";

function classOf(html: string): string[] {
  return (/class="([^"]*)"/.exec(html)?.[1] ?? "").split(" ");
}

describe("Container", () => {
  it("uses the content width by default", () => {
    const classes = classOf(renderToStaticMarkup(<Container />));
    expect(classes).toContain("max-w-content");
  });

  it("takes a narrower width by name, without the default one competing with it", () => {
    const classes = classOf(renderToStaticMarkup(<Container size="narrow" />));
    expect(classes).toContain("max-w-2xl");
    expect(classes).not.toContain("max-w-content");
  });
});

describe("Table", () => {
  it("scrolls inside its own positioned wrapper, so a wide table never widens the page", () => {
    const html = renderToStaticMarkup(
      <Table caption="결제 내역" captionHidden>
        {null}
      </Table>,
    );
    const classes = classOf(html);
    expect(classes).toEqual(expect.arrayContaining(["relative", "overflow-x-auto", "max-w-full"]));
    expect(html).toContain('role="region"');
    expect(html).toContain('aria-label="결제 내역"');
  });
});
