import { describe, expect, it } from "vitest";
import type { CheckinRow } from "../checkins/repository.js";
import { csvDocument } from "./csv.js";
import { csvTable, type ExportRecords } from "./tables.js";

const row: CheckinRow = {
  id: "c-1",
  practice_id: "p",
  client_id: "client-1",
  session_id: "s-1",
  plan_id: "plan",
  measure_codes_json: JSON.stringify(["groc", "psfs"]),
  offset_days: 3,
  token_sha256: "0".repeat(64),
  due_at: "2026-11-30T18:00:00.000Z",
  expires_at: "2026-12-07T18:00:00.000Z",
  sent_at: "2026-11-30T18:00:00.000Z",
  opened_at: null,
  answered_at: "2026-11-30T19:00:00.000Z",
  created_at: "2026-11-27T10:00:00.000Z",
  cancelled_at: null,
  rescheduled_to_id: null,
};

const records: ExportRecords = {
  clients: new Map([["client-1", { id: "client-1", firstName: "-Ann", lastName: "Lee" }]]),
  sessions: [],
  checkins: [
    {
      row,
      versions: [
        {
          id: "a-1",
          practice_id: "p",
          checkin_id: "c-1",
          version: 1,
          submitted_at: "2026-11-30T19:00:00.000Z",
          answers_json: JSON.stringify({
            groc: { kind: "item-scale", version: "1.0.0", items: [-3], score: -3 },
            psfs: { kind: "patient-specific", version: "1.0.0", activities: [{ activity: "=Stairs", rating: 6 }], score: 6 },
          }),
        },
      ],
    },
  ],
  activities: [],
  customTechniques: new Map(),
  now: new Date("2026-12-01T00:00:00Z"),
};

describe("csvTable", () => {
  it("keeps a negative score numeric but neutralises text that starts like a formula", () => {
    const text = csvDocument(csvTable("measures", records));
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("client_id,client_name,measured_at,source,session_id,checkin_id,measure,measure_name,timing,score,answer");
    expect(lines[1]).toBe(
      "client-1,'-Ann Lee,2026-11-30T19:00:00.000Z,checkin,s-1,c-1,groc,Global Rating of Change,day 3 after session,-3,",
    );
    expect(lines[2]).toBe(
      "client-1,'-Ann Lee,2026-11-30T19:00:00.000Z,checkin,s-1,c-1,psfs,Patient-Specific Functional Scale,day 3 after session,6,'=Stairs: 6",
    );
  });

  it("lists each check-in once with its state and answer count", () => {
    const table = csvTable("checkins", records);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toEqual([
      "c-1",
      "client-1",
      "-Ann Lee",
      "s-1",
      "plan",
      3,
      "groc;psfs",
      "answered",
      "2026-11-30T18:00:00.000Z",
      "2026-12-07T18:00:00.000Z",
      "2026-11-30T18:00:00.000Z",
      null,
      "2026-11-30T19:00:00.000Z",
      null,
      1,
      "2026-11-30T19:00:00.000Z",
    ]);
  });
});
