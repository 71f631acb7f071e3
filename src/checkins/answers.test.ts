import { describe, expect, it } from "vitest";
import { activitiesOf, formValuesOf, validateAnswers } from "./answers.js";

describe("validateAnswers", () => {
  it("scores a 0-10 answer with the library", () => {
    const result = validateAnswers(["nprs"], { "nprs.1": "3" });
    expect(result).toEqual({ ok: true, answers: { nprs: { kind: "item-scale", version: "1.0.0", items: [3], score: 3 } } });
  });

  it("names the field of an out-of-range or non-numeric answer", () => {
    expect(validateAnswers(["nprs"], { "nprs.1": "11" })).toMatchObject({
      ok: false,
      errors: { "nprs.1": expect.stringContaining("0 to 10") },
    });
    expect(validateAnswers(["nprs"], { "nprs.1": "abc" })).toMatchObject({ ok: false, errors: { "nprs.1": expect.any(String) } });
  });

  it("asks for a missing required answer", () => {
    expect(validateAnswers(["nprs"], {})).toEqual({ ok: false, errors: { "nprs.1": "Please answer this question" } });
  });

  it("ignores fields of measures that are not on the questionnaire", () => {
    const result = validateAnswers(["nprs"], { "nprs.1": "2", "groc.1": "5", "free-text.text": "sneaky" });
    expect(result.ok && Object.keys(result.answers)).toEqual(["nprs"]);
  });

  it("leaves optional free text out when empty", () => {
    expect(validateAnswers(["free-text"], { "free-text.text": "  " })).toEqual({ ok: true, answers: {} });
  });
});

describe("PSFS on a link page", () => {
  const fixed = { fixedActivities: { psfs: ["Hill repeats", "Stairs at work"] } };

  it("stores the named activities with their ratings and scores the mean", () => {
    const result = validateAnswers(["psfs"], {
      "psfs.activity.1": " Hill repeats ",
      "psfs.rating.1": "3",
      "psfs.activity.2": "Stairs at work",
      "psfs.rating.2": "6",
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        psfs: {
          kind: "patient-specific",
          version: "1.0.0",
          activities: [
            { activity: "Hill repeats", rating: 3 },
            { activity: "Stairs at work", rating: 6 },
          ],
          score: 4.5,
        },
      },
    });
  });

  it("asks for at least one activity, a rating for each named one and a name for each rated one", () => {
    expect(validateAnswers(["psfs"], {})).toEqual({
      ok: false,
      errors: { "psfs.activity.1": "Please name at least one activity and rate it" },
    });
    expect(validateAnswers(["psfs"], { "psfs.activity.1": "Running", "psfs.rating.1": "" })).toEqual({
      ok: false,
      errors: { "psfs.rating.1": "Please rate this activity" },
    });
    expect(validateAnswers(["psfs"], { "psfs.activity.1": "Running", "psfs.rating.1": "4", "psfs.rating.3": "2" })).toEqual({
      ok: false,
      errors: { "psfs.activity.3": "Please name the activity you rated" },
    });
  });

  it("refuses a rating outside 0-10 and an over-long activity name", () => {
    expect(validateAnswers(["psfs"], { "psfs.activity.1": "Running", "psfs.rating.1": "11" })).toMatchObject({
      ok: false,
      errors: { "psfs.rating.1": "Choose one of the answers from 0 to 10" },
    });
    expect(validateAnswers(["psfs"], { "psfs.activity.1": "x".repeat(81), "psfs.rating.1": "5" })).toMatchObject({
      ok: false,
      errors: { "psfs.activity.1": expect.stringContaining("80 characters") },
    });
  });

  it("asks only for ratings of the activities named before, ignoring posted names", () => {
    const result = validateAnswers(["psfs"], { "psfs.activity.1": "Something else", "psfs.rating.1": "7", "psfs.rating.2": "9" }, fixed);
    expect(result).toMatchObject({
      ok: true,
      answers: {
        psfs: {
          activities: [
            { activity: "Hill repeats", rating: 7 },
            { activity: "Stairs at work", rating: 9 },
          ],
          score: 8,
        },
      },
    });
    expect(validateAnswers(["psfs"], { "psfs.rating.1": "7" }, fixed)).toEqual({
      ok: false,
      errors: { "psfs.rating.2": "Please rate this activity" },
    });
  });

  it("reads the activities back from a stored answer", () => {
    expect(activitiesOf({ kind: "patient-specific", activities: [{ activity: "Parkrun", rating: 2 }] })).toEqual(["Parkrun"]);
    expect(activitiesOf({ kind: "item-scale", items: [2] })).toEqual([]);
    expect(activitiesOf(undefined)).toEqual([]);
  });
});

describe("formValuesOf", () => {
  it("gives back the form that stores the same answers, for every kind of measure", () => {
    const codes = ["nprs", "lefs", "sensation-change", "free-text", "psfs"];
    const form: Record<string, string> = {
      "nprs.1": "4",
      "sensation-change.category": "looser",
      "sensation-change.text": "lighter above the knee",
      "free-text.text": "Better on hills",
      "psfs.activity.1": "Hill repeats",
      "psfs.rating.1": "6",
      "psfs.activity.2": "Stairs",
      "psfs.rating.2": "8",
    };
    for (let item = 1; item <= 20; item += 1) form[`lefs.${item}`] = String(item % 5);
    const stored = validateAnswers(codes, form);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(formValuesOf(codes, stored.answers)).toEqual(form);
    expect(validateAnswers(codes, formValuesOf(codes, stored.answers))).toEqual(stored);
  });

  it("leaves out answers of measures no longer asked, and answers of another kind", () => {
    expect(formValuesOf(["nprs"], { groc: { kind: "item-scale", version: "1", items: [5], score: 5 } })).toEqual({});
    expect(formValuesOf(["nprs"], { nprs: { kind: "free-text", version: "1", text: "x" } })).toEqual({});
  });
});
