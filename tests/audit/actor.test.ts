// The one Actor type: every kind survives the stored text form and back, and text this app
// never writes is not mistaken for an actor.
import { describe, expect, it } from "vitest";
import { actorUserId, formatActor, parseActor, type Actor } from "@/lib/audit/actor";
import { actorLabel } from "@/components/admin/subscribers/labels";

const everyKind: Actor[] = [
  { kind: "system" },
  { kind: "customer", userId: "u-1" },
  { kind: "admin", userId: "a-1" },
  { kind: "provider", provider: "toss_pay" },
];

describe("Actor", () => {
  it("round-trips every kind through its stored form", () => {
    expect(everyKind.map(formatActor)).toEqual([
      "system",
      "customer:u-1",
      "admin:a-1",
      "provider:toss_pay",
    ]);
    for (const actor of everyKind) expect(parseActor(formatActor(actor))).toEqual(actor);
  });

  it("names a user only for people", () => {
    expect(everyKind.map(actorUserId)).toEqual([null, "u-1", "a-1", null]);
  });

  it("refuses text that is not an actor, and the timeline shows it as written", () => {
    for (const text of ["", "robot", "customer:", "admin"]) expect(parseActor(text)).toBeNull();
    expect(everyKind.map((a) => actorLabel(formatActor(a)))).toEqual([
      "시스템",
      "고객",
      "관리자",
      "결제사",
    ]);
    expect(actorLabel("robot")).toBe("robot");
  });
});
