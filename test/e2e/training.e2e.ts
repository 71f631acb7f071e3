import {
  Encoder,
  type ActivityMesg,
  type Encodable,
  type EventMesg,
  type FileIdMesg,
  type LapMesg,
  type Mesg,
  type RecordMesg,
  type SessionMesg,
} from "@garmin/fitsdk";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, ClientFormPage, ClientsPage, SetupPage } from "./pages";
import { LABELS } from "../../src/shared/labels";

const owner = { email: "ines@downhill.example", password: "eccentric quads on the long descent" };

/** Global message numbers (the SDK's Profile.MesgNum is typed loosely). */
const MESG = { FILE_ID: 0, SESSION: 18, LAP: 19, RECORD: 20, EVENT: 21, ACTIVITY: 34 } as const;
const FIT_EPOCH_MS = 631065600000;

function write<T extends Mesg>(encoder: Encoder, mesg: Encodable<T>): void {
  encoder.writeMesg(mesg);
}

/** Altitude along the run: 2 km flat at 800 m, 4.5 km down at 10% to 350 m, then flat. */
function altitudeAt(distanceM: number): number {
  if (distanceM < 2000) return 800;
  if (distanceM < 6500) return 800 - (distanceM - 2000) * 0.1;
  return 350;
}

/**
 * A 50-minute run as a watch would record it (a record every 5 s), with one long steep descent:
 * what the downhill label exists for. Built with Garmin's own Encoder, so the test reads no files.
 */
function downhillRunFit(start: Date, { bare = false }: { bare?: boolean } = {}): Uint8Array {
  const encoder = new Encoder();
  const records = 600;
  const stepS = 5;
  const at = (i: number): Date => new Date(start.getTime() + i * stepS * 1000);
  const end = at(records - 1);
  write<FileIdMesg>(encoder, {
    mesgNum: MESG.FILE_ID,
    type: "activity",
    manufacturer: "garmin",
    product: 3113,
    serialNumber: 424242,
    timeCreated: start,
  });
  write<EventMesg>(encoder, { mesgNum: MESG.EVENT, timestamp: start, event: "timer", eventType: "start", eventGroup: 0 });
  let distance = 0;
  for (let i = 0; i < records; i++) {
    const descending = distance >= 2000 && distance < 6500;
    const speed = (descending ? 3.6 : 3.2) + Math.sin(i / 7) * 0.05;
    write<RecordMesg>(encoder, {
      mesgNum: MESG.RECORD,
      timestamp: at(i),
      distance,
      enhancedAltitude: altitudeAt(distance) + Math.sin(i / 3) * 0.3,
      enhancedSpeed: speed,
      // A phone's recording of the same run: no heart rate, no cadence.
      ...(bare ? {} : { heartRate: 138 + Math.round(Math.sin(i / 40) * 6), cadence: descending ? 88 : 85 }),
    });
    distance += speed * stepS;
  }
  const totalS = (records - 1) * stepS;
  write<EventMesg>(encoder, { mesgNum: MESG.EVENT, timestamp: end, event: "timer", eventType: "stopAll", eventGroup: 0 });
  write<LapMesg>(encoder, {
    mesgNum: MESG.LAP,
    timestamp: end,
    startTime: start,
    totalElapsedTime: totalS,
    totalTimerTime: totalS,
    totalDistance: distance,
    sport: "running",
    lapTrigger: "sessionEnd",
  });
  write<SessionMesg>(encoder, {
    mesgNum: MESG.SESSION,
    timestamp: end,
    startTime: start,
    totalElapsedTime: totalS,
    totalTimerTime: totalS,
    totalDistance: distance,
    sport: "running",
    subSport: "trail",
    numLaps: 1,
  });
  write<ActivityMesg>(encoder, {
    mesgNum: MESG.ACTIVITY,
    timestamp: end,
    localTimestamp: Math.round((end.getTime() - FIT_EPOCH_MS) / 1000) + 3600,
    totalTimerTime: totalS,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
  });
  return encoder.close();
}

/** The client page's Training tab: uploads, weekly load and the activity list. */
class TrainingTab {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Training" }).click();
    await this.page.waitForURL(/\/training$/);
  }

  get emptyState(): Locator {
    return this.page.getByText("No training uploaded yet.");
  }

  async upload(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await this.page
      .getByLabel("Choose training files")
      .setInputFiles(files.map(({ name, bytes }) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) })));
  }

  uploadOf(fileName: string): Locator {
    return this.page.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: fileName });
  }

  get weeklyChart(): Locator {
    return this.page.getByRole("img", { name: /weekly running distance/i });
  }

  get activities(): Locator {
    return this.page.getByRole("table", { name: "Activities, newest first" });
  }

  activityRow(title: string): Locator {
    return this.activities.getByRole("row").filter({ has: this.page.getByRole("link", { name: title }) });
  }

  /** The evidence sentence a label chip carries as its accessible description. */
  async chipDescription(chip: Locator): Promise<string> {
    const id = await chip.getAttribute("aria-describedby");
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? "";
  }
}

class ActivityPage {
  constructor(private readonly page: Page) {}

  heading(title: string): Locator {
    return this.page.getByRole("heading", { name: title, level: 1 });
  }

  get labels(): Locator {
    return this.page.getByRole("region", { name: "What this run was" });
  }

  chart(name: RegExp): Locator {
    return this.page.getByRole("img", { name });
  }
}

describe.skipIf(!chromiumAvailable)("a therapist looking at a client's training", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads a watch file, sees the run labelled downhill in the list and opens its profile", async () => {
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Downhill Clinic", name: "Inès Laurent", ...owner });
    const clients = new ClientsPage(page, server.baseUrl);
    await clients.heading.waitFor();
    await clients.startNewClient();
    const form = new ClientFormPage(page);
    await form.fillBasics({ firstName: "Jonas", lastName: "Berg" });
    await form.save();
    await new ClientDetailPage(page).heading("Jonas Berg").waitFor();

    const training = new TrainingTab(page);
    await training.open();
    await training.emptyState.waitFor();

    // Two days ago, so the run lands in the weekly chart; a stray text file is rejected beside it.
    const day = new Date();
    const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - 2, 7, 0, 0));
    await training.upload([
      { name: "morning-descent.fit", bytes: downhillRunFit(start) },
      { name: "notes.txt", bytes: new TextEncoder().encode("Felt the quads on the way down.") },
    ]);
    await training.uploadOf("morning-descent.fit").getByText("Imported").waitFor();
    await training
      .uploadOf("notes.txt")
      .getByText(/^Rejected/)
      .waitFor();

    const row = training.activityRow("Running / trail");
    await row.waitFor();
    const chip = row.getByText("Downhill", { exact: true });
    await chip.waitFor();
    expect(await training.chipDescription(chip)).toMatch(/−4\d\d m over 10\.\d km/);
    // The chip's colour is the catalogue's, set as --label-downhill when the app starts.
    const n = Number.parseInt(LABELS.downhill.colour.slice(1), 16);
    expect(await chip.evaluate((el) => getComputedStyle(el).color)).toBe(`rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`);
    await training.weeklyChart.waitFor();
    expect(await training.activities.getByRole("row").count()).toBe(2); // the header and the one run
    // The week in progress gives no ramp yet: its distance so far is not a change in load.
    await page.getByText("Weekly figures as a table").click();
    const thisWeek = page
      .getByRole("table", { name: /weekly running load/i })
      .getByRole("row")
      .nth(1);
    await thisWeek.getByText("(so far)").waitFor();
    expect(await thisWeek.getByRole("cell").nth(4).textContent()).toBe("–");

    await row.getByRole("link", { name: "Running / trail" }).click();
    const activity = new ActivityPage(page);
    await activity.heading("Running / trail").waitFor();
    expect(page.url()).toMatch(/\/clients\/[^/]+\/activities\/[^/]+$/);
    await activity.labels.getByText(/longest descent 4\.\d km at −10%/).waitFor();
    await activity.chart(/^Elevation over distance, from 350 m to 800 m/).waitFor();
    await activity.chart(/^Pace over distance, faster higher up/).waitFor();
    await activity.chart(/^Cadence over distance/).waitFor();
    expect(cspViolations).toEqual([]);
  });

  it("sees the same run from a second device linked, not counted twice, and corrects a sport", async () => {
    const training = new TrainingTab(page);
    await page
      .getByRole("link", { name: /Training$/ })
      .first()
      .click();
    await page.waitForURL(/\/training$/);
    const day = new Date();
    const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - 2, 7, 0, 30));
    await training.upload([{ name: "phone-descent.fit", bytes: downhillRunFit(start, { bare: true }) }]);
    await training.uploadOf("phone-descent.fit").getByText("Imported").waitFor();

    const second = training.activities.getByRole("row").filter({ hasText: "not counted in load" });
    await second.getByText(/Also recorded by .*morning-descent\.fit.*\(counted\)/).waitFor();
    const first = training.activities.getByRole("row").filter({ hasText: /Also recorded by .*phone-descent\.fit/ });
    await first.waitFor();
    expect(await first.getByText("not counted in load").count()).toBe(0);

    await first.getByRole("link", { name: "Running / trail" }).click();
    const sport = page.getByRole("region", { name: "Sport" });
    await sport.getByText("As the file says.").waitFor();
    await sport.getByLabel("Correct the sport").selectOption("cycling");
    await sport.getByRole("button", { name: "Save sport" }).click();
    await sport.getByRole("status").getByText("Saved: recomputed as cycling.").waitFor();
    await sport.getByText("Corrected by therapist.").waitFor();
    await new ActivityPage(page).heading("Cycling").waitFor();
    expect(cspViolations).toEqual([]);
  });
});
