import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike } from "@/lib/admin/list/page-ids";
import { listParamsParser, optionalEnum, optionalSeoulDate } from "@/lib/admin/list/search-params";

// The pieces the admin list queries share: how an admin's search text becomes a LIKE pattern,
// and how a list's query string is read (filters plus page and page size, forgiving).

describe("containsPattern", () => {
  it("matches the text anywhere, with %, _ and \\ taken literally", () => {
    expect(containsPattern("kim")).toBe("%kim%");
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    expect(escapeLike("a.b")).toBe("a.b");
  });
});

describe("listParamsParser", () => {
  const parse = listParamsParser({
    status: optionalEnum(["sent", "failed"]),
    from: optionalSeoulDate,
  });

  it("reads the filters, the page and the page size, first value of each", () => {
    expect(
      parse({ status: ["failed", "sent"], from: "2026-02-01", page: "3", pageSize: "50" }),
    ).toEqual({ status: "failed", from: "2026-02-01", page: 3, pageSize: 50 });
  });

  it("falls back to the defaults on a hand-edited URL instead of failing the page", () => {
    expect(parse({ status: "bogus", from: "2026-02-30", page: "-1", pageSize: "33" })).toEqual({
      status: undefined,
      from: undefined,
      page: 1,
      pageSize: 25,
    });
  });
});
