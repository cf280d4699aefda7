// The plan form's price fields group digits as they are typed ("14,900"); the server strips the
// commas again (tests/admin/plans.test.ts sends "29,900").
import { describe, expect, it } from "vitest";
import { groupWonDigits } from "@/components/admin/plans/won-input";

describe("groupWonDigits", () => {
  it("groups by thousands and drops anything that is not a digit", () => {
    expect(groupWonDigits("14900")).toBe("14,900");
    expect(groupWonDigits("1,49,00")).toBe("14,900");
    expect(groupWonDigits("₩ 1000000원")).toBe("1,000,000");
    expect(groupWonDigits("0")).toBe("0");
    expect(groupWonDigits("007")).toBe("7");
    expect(groupWonDigits("")).toBe("");
  });
});
