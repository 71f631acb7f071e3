import { describe, expect, it } from "vitest";
import { indefiniteArticle, nounFor, plural, withArticle } from "./plural.js";

describe("plural", () => {
  it("chooses the noun form with Intl.PluralRules", () => {
    expect(plural(1, "occasion")).toBe("1 occasion");
    expect(plural(0, "occasion")).toBe("0 occasions");
    expect(plural(2, "session")).toBe("2 sessions");
    expect(plural(3, "check-in")).toBe("3 check-ins");
    expect(plural(1, "week", "weeks")).toBe("1 week");
    expect(nounFor(5, "therapy", "therapies")).toBe("therapies");
  });
});

describe("indefiniteArticle", () => {
  it("goes by how numbers are said", () => {
    expect(withArticle("80 km race")).toBe("an 80 km race");
    expect(withArticle("8-week block")).toBe("an 8-week block");
    expect(withArticle("11 km run")).toBe("an 11 km run");
    expect(withArticle("18 km run")).toBe("an 18 km run");
    expect(withArticle("18,000 m climb")).toBe("an 18,000 m climb");
    expect(withArticle("100 km race")).toBe("a 100 km race");
    expect(withArticle("10 km race")).toBe("a 10 km race");
    expect(withArticle("110 km race")).toBe("a 110 km race");
    expect(withArticle("1 km jog")).toBe("a 1 km jog");
  });

  it("goes by how words are said", () => {
    expect(indefiniteArticle("ultramarathon")).toBe("an");
    expect(indefiniteArticle("iliopsoas complaint")).toBe("an");
    expect(indefiniteArticle("unilateral finding")).toBe("a");
    expect(indefiniteArticle("hour")).toBe("an");
    expect(indefiniteArticle("half marathon")).toBe("a");
    expect(indefiniteArticle("runner")).toBe("a");
  });
});
