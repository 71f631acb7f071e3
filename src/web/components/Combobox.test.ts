import { describe, expect, it } from "vitest";
import { matchOptions } from "./Combobox";

const regions = [
  { value: "rf-r", label: "Right rectus femoris" },
  { value: "rfd-r", label: "Right rectus femoris, distal third" },
  { value: "rfd-l", label: "Left rectus femoris, distal third" },
  { value: "iar", label: "Instrument-assisted release" },
];

describe("type-ahead matching", () => {
  it("matches when every typed word starts a word of the label, in order of the list", () => {
    expect(matchOptions(regions, "di").map((o) => o.value)).toEqual(["rfd-r", "rfd-l"]);
    expect(matchOptions(regions, "dist l").map((o) => o.value)).toEqual(["rfd-l"]);
    expect(matchOptions(regions, "r")[0]?.value).toBe("rf-r");
    expect(matchOptions(regions, "Instrument-assisted").map((o) => o.value)).toEqual(["iar"]);
    expect(matchOptions(regions, "")).toHaveLength(4);
    expect(matchOptions(regions, "xyz")).toEqual([]);
  });
});
