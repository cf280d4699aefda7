import { afterEach, describe, expect, it, vi } from "vitest";
import { runAdminAction, type AdminActionSpec } from "@/lib/admin/run-admin-action";
import { fieldError } from "@/lib/admin/parse-admin-input";
import { AppError } from "@/lib/errors";
import { succeeded } from "@/lib/forms/form-result";

// The runner every admin form action goes through after requireAdmin(): what it answers when the
// form names no record, when the operation refuses, and when it breaks.

// The address the audit row records comes only from a trusted proxy's header.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_IP_HEADER = "x-real-ip";
});
const revalidated: string[] = [];
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-real-ip": "203.0.113.9" }),
}));

afterEach(() => {
  revalidated.length = 0;
  vi.restoreAllMocks();
});

const admin = { id: "0b6f1a4e-6f3c-4d8e-9a51-0c3d2b1a7e10" };
const recordId = "5d2c4b3a-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

function spec(run: AdminActionSpec["run"]): AdminActionSpec {
  return {
    idField: "planId",
    notFound: "요금제를 찾을 수 없어요.",
    context: "test",
    revalidate: (id) => ["/admin/plans", `/admin/plans/${id}`],
    run,
  };
}

/** The action's answer when its operation throws `error`. */
function answerTo(error: unknown) {
  return runAdminAction(
    admin,
    form({ planId: recordId }),
    spec(async () => {
      throw error;
    }),
  );
}

describe("runAdminAction", () => {
  it("runs the operation as this admin from this IP with the form's fields, then re-renders", async () => {
    const run = vi.fn<AdminActionSpec["run"]>(async () => succeeded("저장했어요."));
    const result = await runAdminAction(
      admin,
      form({ planId: recordId, name: "프로", $ACTION_ID_abc: "" }),
      spec(run),
    );
    expect(result).toEqual({ status: "success", message: "저장했어요." });
    expect(run).toHaveBeenCalledWith({ userId: admin.id, ip: "203.0.113.9" }, recordId, {
      planId: recordId,
      name: "프로",
    });
    expect(revalidated).toEqual(["/admin/plans", `/admin/plans/${recordId}`]);
  });

  it.each([
    ["missing", {}],
    ["not a uuid", { planId: "1 or 1=1" }],
  ])("refuses a form whose record id is %s, without running anything", async (_label, fields) => {
    const run = vi.fn<AdminActionSpec["run"]>();
    const result = await runAdminAction(admin, form(fields), spec(run));
    expect(result).toMatchObject({ status: "error", message: "요금제를 찾을 수 없어요." });
    expect(run).not.toHaveBeenCalled();
    expect(revalidated).toEqual([]);
  });

  it("answers an operation's refusal with its Korean message and field errors", async () => {
    const result = await answerTo(fieldError("conflict", "slug", "다른 요금제가 쓰고 있어요."));
    expect(result).toEqual({
      status: "error",
      message: "다른 요금제가 쓰고 있어요.",
      fieldErrors: { slug: "다른 요금제가 쓰고 있어요." },
    });
    // Re-rendered all the same: an operation may fail after committing part of its work.
    expect(revalidated).toEqual(["/admin/plans", `/admin/plans/${recordId}`]);
  });

  it("answers an AppError without field errors with its message only", async () => {
    const result = await answerTo(
      new AppError("not_found", "plan gone", { userMessage: "요금제를 찾을 수 없어요." }),
    );
    expect(result).toEqual({ status: "error", message: "요금제를 찾을 수 없어요." });
  });

  it("logs an unexpected error and answers without its internals", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await answerTo(new Error("connection to 10.0.0.5:5432 refused"));
    expect(result).toEqual({
      status: "error",
      message: "일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.",
    });
    expect(JSON.stringify(result)).not.toContain("10.0.0.5");
    expect(log).toHaveBeenCalledWith("[admin] test failed", expect.any(Error));
  });
});
