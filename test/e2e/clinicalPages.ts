import type { Locator, Page } from "playwright-core";

/** Page objects for the clinical record: session entry, the client's timeline, the body map. */

/** Types into a type-ahead combobox and takes the first match with Enter. */
export async function chooseIn(combobox: Locator, text: string): Promise<void> {
  await combobox.fill(text);
  await combobox.press("Enter");
}

/**
 * Drives a page while counting what a practitioner does: one tap, or one field typed, is one
 * action. Waiting and reading are free. Used to hold session entry to its speed budget.
 */
export class CountingActions {
  private readonly log: string[] = [];

  async tap(locator: Locator, what: string): Promise<void> {
    await locator.click();
    this.log.push(`tap ${what}`);
  }

  async type(locator: Locator, text: string, what: string): Promise<void> {
    await locator.fill(text);
    this.log.push(`type ${what}`);
  }

  /** Types into a type-ahead combobox and takes the first match with Enter: one field typed. */
  async pick(combobox: Locator, text: string, what: string): Promise<void> {
    await combobox.fill(text);
    await combobox.press("Enter");
    this.log.push(`type ${what}`);
  }

  async choose(locator: Locator, value: string, what: string): Promise<void> {
    await locator.selectOption(value);
    this.log.push(`choose ${what}`);
  }

  get count(): number {
    return this.log.length;
  }

  get actions(): readonly string[] {
    return this.log;
  }
}

export class SessionEntryPage {
  constructor(
    private readonly page: Page,
    private readonly act: CountingActions = new CountingActions(),
  ) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "New session", level: 1 });
  }

  region(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  finding(regionName: string): Locator {
    return this.page.getByRole("region", { name: `Finding: ${regionName}` });
  }

  get signDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Sign this note?" });
  }

  async applyProtocol(name: string): Promise<void> {
    await this.act.tap(
      this.page.getByRole("group", { name: "Apply protocol" }).getByRole("button", { name: new RegExp(`^Apply ${name}`) }),
      `apply ${name}`,
    );
  }

  /** Dates the session `days` before now, at the same time of day (through "Change date and time"). */
  async startedDaysAgo(days: number): Promise<void> {
    await this.page.getByRole("button", { name: "Change date and time" }).click();
    const input = this.page.getByLabel("Date and time", { exact: true });
    const current = await input.inputValue();
    const when = new Date(`${current}:00Z`);
    when.setUTCDate(when.getUTCDate() - days);
    await input.fill(when.toISOString().slice(0, 16));
  }

  async measure(label: "Pain before" | "Tightness before" | "Pain after" | "Tightness after", value: number): Promise<void> {
    await this.act.tap(
      this.page.getByRole("radiogroup", { name: label, exact: true }).getByRole("radio", { name: String(value), exact: true }),
      `${label} ${value}`,
    );
  }

  async tapRegion(name: string): Promise<void> {
    await this.act.tap(this.region(name), name);
    await this.finding(name).waitFor();
  }

  async grade(regionName: string, quality: string, grade: string): Promise<void> {
    await this.act.tap(
      this.finding(regionName).getByRole("radiogroup", { name: quality, exact: true }).getByRole("radio", { name: grade, exact: true }),
      `${regionName} ${quality} ${grade}`,
    );
  }

  /** A step: technique and region are type-ahead comboboxes (typed name, Enter); region and side default from the step before. */
  async addStep(step: { technique: string; region?: string; side?: string; direction?: string; minutes?: number }): Promise<void> {
    await this.act.tap(this.page.getByRole("button", { name: "Add step" }), "add step");
    const row = this.page.getByRole("group", { name: /^Step \d+$/ }).last();
    await this.act.pick(row.getByRole("combobox", { name: /technique$/ }), step.technique, "technique");
    if (step.region) await this.act.pick(row.getByRole("combobox", { name: /region$/ }), step.region, "region");
    if (step.side) await this.act.choose(row.getByLabel(/side$/), step.side, "side");
    if (step.direction) await this.act.choose(row.getByLabel(/direction$/), step.direction, "direction");
    if (step.minutes !== undefined) await this.act.type(row.getByLabel(/minutes$/), String(step.minutes), "minutes");
  }

  async saveAndSign(): Promise<void> {
    await this.act.tap(this.page.getByRole("button", { name: "Save and sign" }), "save and sign");
    // The confirmation lists what the signature covers.
    await this.act.tap(this.signDialog.getByRole("button", { name: "Sign", exact: true }), "confirm signing");
    await this.page.getByRole("heading", { name: "Session Signed", level: 1 }).waitFor();
  }
}

export class TimelinePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Timeline" }).click();
    await this.page.waitForURL(/\/timeline/);
  }

  get list(): Locator {
    return this.page.getByRole("region", { name: "Timeline" }).getByRole("list").first();
  }

  /** A shaded body-map region, named with its grade: "Right rectus femoris, distal third: marked". */
  shadedRegion(name: string, grade: string): Locator {
    return this.page
      .getByRole("region", { name: "Findings on the body" })
      .getByRole("img", { name: `${name}: ${grade}`, exact: true })
      .first();
  }
}
