import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { failed, failedWith, fieldErrorsOf, textValue } from "@/lib/forms/form-result";

// The one result shape every server action returns to its form.

describe("form results", () => {
  it("keeps the first message of each field of a failed parse", () => {
    const schema = z.object({
      email: z.string().email("이메일 주소를 확인해 주세요.").min(10, "너무 짧아요."),
      name: z.string().min(1, "이름을 입력해 주세요."),
    });
    const parsed = schema.safeParse({ email: "x", name: "" });
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      email: "이메일 주소를 확인해 주세요.",
      name: "이름을 입력해 주세요.",
    });
  });

  it("echoes text fields only", () => {
    const data = new FormData();
    data.set("email", "kim@example.com");
    data.set("file", new Blob(["x"]));
    expect(textValue(data, "email")).toBe("kim@example.com");
    expect(textValue(data, "file")).toBeUndefined();
    expect(textValue(data, "missing")).toBeUndefined();
  });

  it("refuses with a message, field errors and what was typed", () => {
    expect(failed("다시 시도해 주세요.", { email: "확인해 주세요." }, { email: "kim@" })).toEqual({
      status: "error",
      message: "다시 시도해 주세요.",
      fieldErrors: { email: "확인해 주세요." },
      values: { email: "kim@" },
    });
  });

  it("turns an AppError into its user message and masks anything else", () => {
    expect(
      failedWith(new AppError("conflict", "slug taken", { userMessage: "이미 있어요." }), "t"),
    ).toEqual({ status: "error", message: "이미 있어요." });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(failedWith(new Error("secret internals"), "t").message).not.toContain("secret");
    expect(log).toHaveBeenCalledOnce();
  });
});
