import { describe, expect, it } from "vitest";
import { checkinMail } from "./mail.js";

describe("checkinMail", () => {
  const input = {
    practiceName: "Hill & Trail",
    firstName: "Maya",
    link: "https://palpable.example/c/abc",
    unsubscribeLink: "https://palpable.example/c/unsubscribe/def",
    expiresAt: "2026-12-13T17:00:00.000Z",
    timeZone: "Europe/Berlin",
    kind: "checkin" as const,
  };

  it("says when the link stops working in words, in the client's time zone, never as an ISO date", () => {
    const mail = checkinMail(input);
    expect(mail.text).toMatch(/The link works until Sunday,? 13 December 2026\b.*\b18:00\./);
    expect(mail.html).toMatch(/The link works until Sunday,? 13 December 2026\b.*\b18:00\./);
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("writes the day the client sees: already Monday in Auckland", () => {
    expect(checkinMail({ ...input, timeZone: "Pacific/Auckland" }).text).toMatch(/until Monday,? 14 December 2026\b/);
  });
});
