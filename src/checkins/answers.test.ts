import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers.js";

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
