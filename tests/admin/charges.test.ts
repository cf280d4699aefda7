// The admin charge list and its CSV export on a real database: filters (Seoul dates, amounts,
// status, provider, search), stable paging, and the CSV as Excel would receive it from the
// route handler (BOM, header, RFC 4180 quoting, Korean, formula-injection guard).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CHARGE_CSV_COLUMNS } from "@/lib/admin/charges-csv";
import { exportCharges, listCharges, parseChargeListParams } from "@/lib/admin/charges";
import { csvCell, csvRow } from "@/lib/admin/list/csv";
import { db } from "@/lib/db/client";
import { auditLog, chargeAttempts, plans, subscriptions, users } from "@/lib/db/schema";
import { fakeSession as session } from "@/tests/support/fake-session";

// The only stand-in: who the session says is signed in. The guard's own checks (the user's
// role read from the database) run for real.
// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));

const ids = { admin: "", customer: "", plan: "" };
const TRICKY_NAME = '=HYPERLINK("http://evil"),"김, 철수"';

type Seed = {
  amount: number;
  status?: "succeeded" | "failed" | "pending" | "unknown";
  refunded?: number;
  createdAt: string;
  provider?: "toss_pay" | "portone";
  userId?: string;
  testMode?: boolean;
};

async function seedCharge(seed: Seed, index: number) {
  const userId = seed.userId ?? ids.customer;
  const [sub] = await db()
    .insert(subscriptions)
    .values({ userId, planId: ids.plan, status: "canceled", priceAmount: seed.amount })
    .returning();
  await db()
    .insert(chargeAttempts)
    .values({
      subscriptionId: sub!.id,
      userId,
      provider: seed.provider ?? "toss_pay",
      orderId: `sub_test_${index}_${randomUUID().slice(0, 8)}`,
      periodNumber: 1,
      attemptNumber: 1,
      amount: seed.amount,
      status: seed.status ?? "succeeded",
      refundedAmount: seed.refunded ?? 0,
      receiptUrl: seed.status === "failed" ? null : `https://example.com/receipt/${index}`,
      errorMessage: seed.status === "failed" ? "Declined: limit\nexceeded" : null,
      createdAt: new Date(seed.createdAt),
      testMode: seed.testMode ?? false,
    });
}

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  const [admin, customer, other] = await db()
    .insert(users)
    .values([
      { email: "admin@example.com", role: "admin", name: "관리자", emailVerified: new Date() },
      { email: "kim@example.com", name: TRICKY_NAME },
      { email: "lee@example.com", name: "이영희" },
    ])
    .returning();
  const [plan] = await db()
    .insert(plans)
    .values({ slug: "basic", name: '베이직 "월간"', amount: 9_900, interval: "month" })
    .returning();
  Object.assign(ids, { admin: admin!.id, customer: customer!.id, plan: plan!.id });

  const seeds: Seed[] = [
    // 2026-02-01 00:30 in Seoul is still 31 Jan in UTC.
    { amount: 9_900, createdAt: "2026-01-31T15:30:00Z" },
    // 23:59 on 31 Jan in Seoul.
    { amount: 19_900, createdAt: "2026-01-31T14:59:00Z", refunded: 19_900 },
    { amount: 4_900, createdAt: "2026-02-02T03:00:00Z", status: "failed" },
    { amount: 100, createdAt: "2026-02-03T03:00:00Z", refunded: 50, provider: "portone" },
    { amount: 199_000, createdAt: "2026-02-04T03:00:00Z", userId: other!.id },
  ];
  for (const [i, seed] of seeds.entries()) await seedCharge(seed, i);
});

const list = (query: Record<string, string>) => listCharges(parseChargeListParams(query));
const amounts = (rows: { amount: number }[]) => rows.map((r) => r.amount);

describe("the charge list", () => {
  it("filters by Seoul calendar dates, both ends inclusive", async () => {
    expect(amounts((await list({ from: "2026-02-01", to: "2026-02-01" })).rows)).toEqual([9_900]);
    expect(amounts((await list({ to: "2026-01-31" })).rows)).toEqual([19_900]);
    expect((await list({ from: "2026-02-02" })).total).toBe(3);
    // An impossible date is ignored rather than failing the page.
    expect((await list({ from: "2026-02-30" })).total).toBe(5);
  });

  it("filters by status (refunds included), provider, amount and customer", async () => {
    expect(amounts((await list({ status: "failed" })).rows)).toEqual([4_900]);
    expect(amounts((await list({ status: "refunded" })).rows)).toEqual([19_900]);
    expect(amounts((await list({ status: "partially_refunded" })).rows)).toEqual([100]);
    expect(amounts((await list({ provider: "portone" })).rows)).toEqual([100]);
    expect(
      amounts(
        (await list({ minAmount: "4900", maxAmount: "19900", sort: "amount", dir: "asc" })).rows,
      ),
    ).toEqual([4_900, 9_900, 19_900]);
    expect(amounts((await list({ q: "이영희" })).rows)).toEqual([199_000]);
    expect(amounts((await list({ q: "LEE@example" })).rows)).toEqual([199_000]);
    // LIKE wildcards typed into the search box are literal.
    expect((await list({ q: "%" })).total).toBe(0);
  });

  it("sorts, pages and totals on the server", async () => {
    const first = await list({ sort: "amount", dir: "desc", pageSize: "25" });
    expect(amounts(first.rows)).toEqual([199_000, 19_900, 9_900, 4_900, 100]);
    expect(first.totals).toEqual({
      count: 5,
      countCapped: false,
      amount: 199_000 + 19_900 + 9_900 + 100,
      refunded: 19_950,
      testModeAmount: 0,
    });
    const newest = await list({});
    expect(newest.rows[0]!.amount).toBe(199_000);
    expect(newest.rows[0]!.planName).toBe('베이직 "월간"');
    // Nonsense parameters fall back to the defaults.
    const odd = await list({ page: "-3", pageSize: "7", sort: "drop table", status: "nope" });
    expect(odd).toMatchObject({ page: 1, pageSize: 25, total: 5 });
  });

  it("exports in keyset batches without skipping or repeating rows with equal sort keys", async () => {
    // Same amount and same microsecond: only the id tells them apart.
    for (let i = 0; i < 7; i++) {
      await seedCharge({ amount: 777, createdAt: "2026-03-01T00:00:00.123456Z" }, 100 + i);
    }
    for (const sort of ["amount", "created_at"]) {
      for (const dir of ["asc", "desc"]) {
        const filters = parseChargeListParams({ sort, dir });
        const seen: string[] = [];
        for await (const batch of exportCharges(filters, db(), 3))
          seen.push(...batch.map((r) => r.id));
        expect(seen).toHaveLength(12);
        expect(new Set(seen).size).toBe(12);
        const listed = await listCharges({ ...filters, pageSize: 25 });
        expect(seen).toEqual(listed.rows.map((r) => r.id));
      }
    }
  });
});

describe("CSV cells", () => {
  it("quotes per RFC 4180 and defuses formulas, but leaves numbers alone", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("line\r\nbreak")).toBe('"line\r\nbreak"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}1+2`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvRow(["가", 1, null])).toBe("가,1,\r\n");
  });
});

/** A minimal RFC 4180 reader, to read the export back the way a spreadsheet does. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe("GET /api/admin/charges/export", () => {
  async function download(query: string) {
    const { GET } = await import("@/app/api/admin/charges/export/route");
    return GET(new Request(`http://app/api/admin/charges/export?${query}`));
  }

  it("streams the filtered list as UTF-8 CSV with a BOM, a Korean header and safe cells", async () => {
    session.userId = ids.admin;
    const response = await download("to=2026-02-02&sort=amount&dir=desc");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="charges\.csv"; filename\*=UTF-8''%EA%B2%B0%EC%A0%9C%EB%82%B4%EC%97%AD_\d{4}-\d{2}-\d{2}\.csv$/,
    );

    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF결제 시도 일시,승인 일시,주문번호,상태,")).toBe(true);

    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(CHARGE_CSV_COLUMNS.map((c) => c.header));
    const col = (name: string) => header!.indexOf(name);
    // Only the three charges up to 2 Feb (Seoul), largest first.
    expect(rows.map((r) => r[col("결제 금액(원)")])).toEqual(["19900", "9900", "4900"]);

    const [refunded, paid, failed] = rows as [string[], string[], string[]];
    expect(refunded[col("상태")]).toBe("전액 환불");
    expect(refunded[col("환불 가능 금액(원)")]).toBe("0");
    expect(refunded[col("결제 시도 일시")]).toBe("2026-01-31 23:59:00");
    expect(paid[col("결제 시도 일시")]).toBe("2026-02-01 00:30:00");
    expect(paid[col("고객 이름")]).toBe(`'${TRICKY_NAME}`);
    expect(paid[col("요금제")]).toBe('베이직 "월간"');
    expect(paid[col("영수증")]).toBe("https://example.com/receipt/0");
    expect(failed[col("상태")]).toBe("실패");
    expect(failed[col("오류 내용")]).toBe("Declined: limit\nexceeded");
    // None of these three is a test charge: the column is empty, not "false".
    expect(rows.map((r) => r[col("테스트 결제")])).toEqual(["", "", ""]);
    // The raw line shows the quoting itself.
    expect(text).toContain(`"'=HYPERLINK(""http://evil""),""김, 철수"""`);
  });

  it("records who exported what", async () => {
    session.userId = ids.admin;
    await (await download("status=failed")).text();
    const rows = await db().select().from(auditLog);
    expect(rows.at(-1)).toMatchObject({
      action: "charges.export",
      actorUserId: ids.admin,
      after: { filters: expect.objectContaining({ status: "failed" }) },
    });
  });

  it("is refused without an admin session", async () => {
    session.userId = null;
    expect((await download("")).status).toBe(401);
    session.userId = ids.customer;
    expect((await download("")).status).toBe(403);
  });
});

describe("test-mode charges (issue 8)", () => {
  it("stay in the list, marked, but never count in the money totals", async () => {
    // A day of their own, so the other tests' counts stay as they are.
    await seedCharge({ amount: 9_900, createdAt: "2026-05-01T03:00:00Z", testMode: true }, 200);
    await seedCharge(
      { amount: 19_900, createdAt: "2026-05-01T04:00:00Z", testMode: true, refunded: 1_000 },
      201,
    );
    await seedCharge({ amount: 4_900, createdAt: "2026-05-01T05:00:00Z" }, 202);

    const day = await list({ from: "2026-05-01", to: "2026-05-01", sort: "amount" });
    expect(day.rows.map((r) => [r.amount, r.testMode])).toEqual([
      [19_900, true],
      [9_900, true],
      [4_900, false],
    ]);
    expect(day.totals).toEqual({
      count: 3,
      countCapped: false,
      amount: 4_900,
      refunded: 0,
      testModeAmount: 9_900 + 19_900,
    });
  });
});
