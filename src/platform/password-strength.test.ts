import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-strength.js";

const person = { email: "maya.runner@example.test", name: "Maya Runner" };

describe("password strength", () => {
  it.each([
    ["aaaaaaaaaaaa", /too easy to guess/],
    ["            ", /too easy to guess/],
    ["123456789012", /too easy to guess/],
    ["passwordpassword", /too easy to guess/],
    ["qwertyuiopasdf", /too easy to guess/],
    ["maya.runner@example.test", /e-mail address/],
    ["x9-maya.runner-q7!", /e-mail address/],
    ["Runner-hill-repeats-42", /your name/],
    ["short", /at least 12 characters/],
  ])("refuses %j", async (password, problem) => {
    expect(await passwordProblem(password, person)).toMatch(problem);
  });

  it.each(["a-long-test-password-1", "correct horse battery staple", "Tr0ub4dor&3-gravel-lane"])("accepts %j", async (password) => {
    expect(await passwordProblem(password, person)).toBeUndefined();
  });
});
