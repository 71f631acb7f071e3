import { Profile } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import * as names from "./enum-names.js";
import { GENERATED_ENUMS } from "./enum-names.generate.js";

describe("enum-names", () => {
  it.each(Object.entries(GENERATED_ENUMS))("%s matches Garmin's profile (regenerate with enum-names.generate.ts)", (type, constName) => {
    const profile = (Profile.types as Record<string, Record<string, string>>)[type];
    const table = (names as Record<string, Readonly<Record<number, string>>>)[constName];
    expect(table).toEqual(profile);
  });
});
