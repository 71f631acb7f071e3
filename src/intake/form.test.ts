import { describe, expect, it } from "vitest";
import { intakeForm } from "../../test/support/intake.js";
import { describeError, parseIntakeForm } from "./form.js";
import { RED_FLAG_QUESTIONS, positiveFlags } from "./red-flags.js";

describe("the intake form", () => {
  it("turns a complete form into answers, red flags and a consent", () => {
    const parsed = parseIntakeForm(intakeForm({ redFlag: "fever", consentVersion: 4, caseReports: true }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.answers.running).toEqual({
      yearsRunning: 6,
      weeklyKm: 45,
      races: "Half marathon, March 2026, 1:41",
      goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 },
    });
    expect(parsed.answers.injuries).toEqual([{ description: "Achilles pain, left", occurredOn: "2025-03", current: false }]);
    expect(parsed.answers.selfCare.map((s) => s.method)).toEqual(["rolling", "percussion"]);
    expect(positiveFlags(parsed.redFlags).map((q) => q.code)).toEqual(["fever"]);
    expect(parsed.consent).toEqual({ textVersion: 4, signedName: "Maya Runner", treatment: true, dataProcessing: true, caseReports: true });
  });

  it("asks every red-flag question and names each problem by its field", () => {
    const form = intakeForm();
    delete form.flag_night_pain;
    form.dateOfBirth = "1899-12-31";
    form.injury2When = "2024";
    form.goalDistanceKm = "0";
    form.signedName = " ";
    const parsed = parseIntakeForm(form);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      flag_night_pain: "choose yes or no",
      dateOfBirth: "must be after 1900",
      injury2: "say what the injury was, or clear its date",
      goalDistanceKm: "must be between 0.1 and 1000 km",
      signedName: "is required",
    });
    expect(describeError("dateOfBirth", "must be after 1900")).toBe("Date of birth: must be after 1900");
    expect(describeError("injury2When", "must be YYYY, YYYY-MM or YYYY-MM-DD")).toBe("Injury 2 date: must be YYYY, YYYY-MM or YYYY-MM-DD");
  });

  it("refuses a goal date or distance without the event's name", () => {
    const form = intakeForm();
    form.goalName = "";
    const parsed = parseIntakeForm(form);
    expect(parsed.ok ? {} : parsed.errors).toEqual({ goalName: "name the event, or clear its date and distance" });
  });

  it("has ten distinct screening questions", () => {
    expect(new Set(RED_FLAG_QUESTIONS.map((q) => q.code)).size).toBe(10);
  });
});
