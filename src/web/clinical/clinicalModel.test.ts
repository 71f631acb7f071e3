import { describe, expect, it } from "vitest";
import { REGION_SHAPES } from "../../shared/body-shapes";
import { blankDraft, changedFields, conflictingFields, mergeSessionInputs, toInput, toLocalInput } from "./sessionModel";
import type { FindingInput } from "./types";
import { gradesByRegion, highestGrade, regionKey, regionLabel } from "./vocabulary";

const none = { tension: null, tenderness: null, texture: null, adhesion: null, temperature: null };

function finding(regionCode: string, side: FindingInput["side"], qualities: Partial<FindingInput["qualities"]>): FindingInput {
  return { regionCode, side, qualities: { ...none, ...qualities }, textureDescriptor: null, note: null };
}

describe("body map naming and shading", () => {
  it("names a sided region the way a therapist says it", () => {
    expect(regionLabel({ name: "Rectus femoris, distal third" }, "right")).toBe("Right rectus femoris, distal third");
    expect(regionLabel({ name: "Tensor fasciae latae (TFL)" }, "left")).toBe("Left tensor fasciae latae (TFL)");
    expect(regionLabel({ name: "Lumbar paraspinals" }, null)).toBe("Lumbar paraspinals");
  });

  it("keeps acronyms capitalised after the side", () => {
    expect(regionLabel({ name: "TFL" }, "right")).toBe("Right TFL");
  });

  it("shades a region by the highest grade of any quality, and an ungraded finding as grade 0", () => {
    expect(highestGrade(finding("rectus_femoris_distal", "right", { tension: 3, texture: 2 }))).toBe(3);
    expect(highestGrade(finding("rectus_femoris_distal", "right", {}))).toBeNull();
    const grades = gradesByRegion([
      finding("rectus_femoris_distal", "right", { tension: 1 }),
      finding("rectus_femoris_distal", "right", { texture: 3 }),
      finding("rectus_femoris_distal", "left", {}),
    ]);
    expect(grades.get(regionKey("rectus_femoris_distal", "right"))).toBe(3);
    expect(grades.get(regionKey("rectus_femoris_distal", "left"))).toBe(0);
    expect(grades.has(regionKey("vastus_lateralis", "right"))).toBe(false);
  });

  it("draws the rectus femoris as three thirds", () => {
    for (const third of ["proximal", "middle", "distal"]) expect(REGION_SHAPES[`rectus_femoris_${third}`]?.view).toBe("front");
  });
});

describe("session drafts", () => {
  it("prefills the start time to now and sends it as an instant", () => {
    const now = new Date(2026, 10, 28, 9, 5);
    const draft = blankDraft(now, ["c1"]);
    expect(draft.startedLocal).toBe(toLocalInput(now));
    expect(toInput(draft).startedAt).toBe(new Date(2026, 10, 28, 9, 5).toISOString());
    expect(toInput(draft).complaintIds).toEqual(["c1"]);
  });

  it("sends only the changed fields in an amendment", () => {
    const before = toInput(blankDraft(new Date(2026, 10, 28, 9, 5), []));
    const after = { ...before, measures: { ...before.measures, post: { pain: 1, tightness: null } }, advice: "Easy runs this week" };
    expect(changedFields(before, after)).toEqual({ measures: after.measures, advice: "Easy runs this week" });
  });
});

describe("merging a session edit with someone else's", () => {
  const base = toInput(blankDraft(new Date("2026-11-28T09:00:00"), []));
  const theirs = { ...base, advice: "Rest two days", soap: { s: "Their note", o: null, a: null, p: null } };
  const mine = { ...base, advice: "Easy runs only", measures: { pre: { pain: 5, tightness: 7 }, post: { pain: null, tightness: null } } };

  it("lists each field that differs, suggesting mine where I changed it and theirs where only they did", () => {
    expect(conflictingFields(base, mine, theirs)).toEqual([
      { field: "measures", suggested: "mine", bothChanged: false },
      { field: "soap", suggested: "theirs", bothChanged: false },
      { field: "advice", suggested: "mine", bothChanged: true },
    ]);
  });

  it("keeps their changes and mine, taking mine only where chosen", () => {
    const merged = mergeSessionInputs(mine, theirs, { measures: "mine", soap: "theirs", advice: "theirs" });
    expect(merged).toEqual({ ...theirs, measures: mine.measures });
    expect(mergeSessionInputs(mine, theirs, { advice: "mine" }).advice).toBe("Easy runs only");
  });
});
