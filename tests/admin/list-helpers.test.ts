import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike } from "@/lib/admin/list/page-ids";
import { pageWindow } from "@/components/admin/list/pagination";
import {
  COUNT_CAP,
  listParamsParser,
  optionalEnum,
  optionalSeoulDate,
  pageOf,
} from "@/lib/admin/list/search-params";

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

describe("pageOf with a capped count (docs/admin-at-scale.md)", () => {
  const full = Array.from({ length: 25 }, (_, i) => i);
  it("says the total is at least COUNT_CAP past the cap, and keeps 다음 while pages are full", () => {
    const page = pageOf(full, COUNT_CAP + 1, { page: 500, pageSize: 25 });
    expect(page).toMatchObject({ total: COUNT_CAP, totalCapped: true, pageCount: 501 });
    expect(pageOf([1], COUNT_CAP + 1, { page: 501, pageSize: 25 }).pageCount).toBe(501);
    // Without a known last page, the page links leave it out.
    expect(pageWindow(6, 401, false)).toEqual([1, null, 4, 5, 6, 7, 8]);
  });
  it("is exact below the cap, or when the count came from the maintained figures", () => {
    expect(pageOf(full, 9_999, { page: 1, pageSize: 25 })).toMatchObject({
      total: 9_999,
      totalCapped: false,
      pageCount: 400,
    });
    expect(pageOf(full, 5_000_000, { page: 1, pageSize: 25 }, true)).toMatchObject({
      total: 5_000_000,
      totalCapped: false,
      pageCount: 200_000,
    });
  });
});
