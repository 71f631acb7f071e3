import type { Locator, Page } from "playwright-core";

/** Page objects for the experiment pages. */

export interface FindingCriterion {
  region: string;
  quality: string;
  minGrade: string;
}

export interface PlanEntry {
  title: string;
  hypothesis: string;
  rationale: string;
  complaintRegion: string;
  finding: FindingCriterion;
  training?: { patterns: string[]; minRunsPerWeek: string; weeks: string };
  intervention: string;
  comparator: string;
  design: string;
  allocation?: string;
  measure: string;
  day: string;
  plannedClients: string;
}

/** `/experiments/new`: the plan form. Selects are chosen by their visible labels. */
export class ExperimentFormPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "New experiment", level: 1 });
  }

  async fill(plan: PlanEntry): Promise<void> {
    const page = this.page;
    await page.getByLabel("Title").fill(plan.title);
    await page.getByLabel("Hypothesis").fill(plan.hypothesis);
    await page.getByLabel("Rationale").fill(plan.rationale);
    await page.getByLabel("Add a complaint region").selectOption({ label: plan.complaintRegion });
    await page.getByRole("button", { name: "Add required finding" }).click();
    const finding = page.getByRole("group", { name: "Required finding 1" });
    await finding.getByLabel("Region").selectOption({ label: plan.finding.region });
    await finding.getByLabel("Quality").selectOption({ label: plan.finding.quality });
    await finding.getByLabel("Minimum grade").selectOption({ label: plan.finding.minGrade });
    if (plan.training) {
      await page.getByLabel("Require a training pattern").check();
      const patterns = page.getByRole("group", { name: "Runs labelled" });
      for (const pattern of plan.training.patterns) await patterns.getByLabel(pattern).check();
      await page.getByLabel("Minimum runs a week").fill(plan.training.minRunsPerWeek);
      await page.getByLabel("Over the last (weeks)").fill(plan.training.weeks);
    }
    await page.getByLabel("Intervention protocol").selectOption({ label: plan.intervention });
    await page.getByLabel("Comparator").selectOption({ label: plan.comparator });
    await page.getByLabel("Design").selectOption({ label: plan.design });
    if (plan.allocation) await page.getByLabel("Allocation").selectOption({ label: plan.allocation });
    const primary = page.getByRole("group", { name: "Primary outcome" });
    await primary.getByLabel("Measure").selectOption(plan.measure);
    await primary.getByLabel("Day after the first session").fill(plan.day);
    await page.getByLabel("Planned number of clients").fill(plan.plannedClients);
  }

  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Save draft" }).click();
  }
}

/** `/experiments/:id`. */
export class ExperimentPage {
  constructor(private readonly page: Page) {}

  heading(title: string): Locator {
    return this.page.getByRole("heading", { name: title, level: 1 });
  }

  get registration(): Locator {
    return this.page.getByRole("region", { name: "Pre-registration" });
  }

  get enrolment(): Locator {
    return this.page.getByRole("region", { name: "Enrolment" });
  }

  get results(): Locator {
    return this.page.getByRole("region", { name: "Results" });
  }

  /** The SHA-256 shown in the pre-registration record. */
  async registrationHash(): Promise<string> {
    return (await this.registration.getByLabel("Registration SHA-256", { exact: true }).textContent()) ?? "";
  }

  async preRegister(): Promise<void> {
    await this.page.getByRole("button", { name: "Start (pre-register)" }).click();
    await this.page.getByRole("button", { name: "Pre-register and start" }).click();
    await this.registration.waitFor();
  }

  async amend(field: string, value: string, reason: string): Promise<void> {
    await this.registration.getByRole("button", { name: "Amend" }).click();
    const form = this.page.getByRole("form", { name: "Amend the plan" });
    await form.getByLabel("Field to amend").selectOption({ label: field });
    await form.getByLabel("New value").fill(value);
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Record amendment" }).click();
    await form.waitFor({ state: "detached" });
  }

  /** Enrols one eligible client, with the first day whose data count and (if asked) the group. */
  async enrol(clientName: string, options: { dataFrom: string; group?: RegExp }): Promise<void> {
    const form = this.page.getByRole("form", { name: `Enrol ${clientName}` });
    await form.getByLabel("Include data from").fill(options.dataFrom);
    if (options.group) {
      const group = form.getByLabel("Group");
      const labels = await group.locator("option").allTextContents();
      const label = labels.find((text) => options.group?.test(text));
      if (!label) throw new Error(`no group option matches ${String(options.group)}: ${labels.join(", ")}`);
      await group.selectOption({ label });
    }
    await form.getByRole("button", { name: "Enrol" }).click();
    await this.enrolledRow(clientName).waitFor();
  }

  enrolledRow(clientName: string): Locator {
    return this.enrolment
      .getByRole("table")
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: clientName, exact: true }) });
  }

  /** One number in the results, found by its name: its value and its meaning sentence. */
  figure(name: string): { value: Locator; meaning: Locator } {
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
    const figure = this.results
      .locator(".result-figure")
      .filter({ has: this.page.locator(".result-figure__name", { hasText: exact }) })
      .first();
    return { value: figure.locator(".result-figure__value"), meaning: figure.locator(".result-figure__meaning") };
  }

  async finish(): Promise<void> {
    await this.page.getByRole("button", { name: "Finish experiment" }).click();
    await this.page.getByRole("button", { name: "Finish now" }).click();
  }
}
