import type { Locator, Page } from "playwright-core";
import { chooseIn } from "./clinicalPages";

/** Page objects for check-ins: plans, scheduling on a session, the timeline schedule and the client's link page. */

export class CheckinPlansPage {
  constructor(private readonly page: Page) {}

  async create(plan: { name: string; measures: string[]; days: string; hour: number }): Promise<void> {
    await this.page.getByRole("button", { name: "New plan" }).click();
    await this.page.getByRole("textbox", { name: "Plan name" }).fill(plan.name);
    for (const measure of plan.measures) await this.page.getByRole("checkbox", { name: measure }).check();
    await this.page.getByRole("textbox", { name: /Days after the session/ }).fill(plan.days);
    await this.page.getByRole("spinbutton", { name: "Hour (client's time)" }).fill(String(plan.hour));
    await this.page.getByRole("button", { name: "Create plan" }).click();
    await this.page.getByText(`Created ${plan.name}.`).waitFor();
  }
}

export class ScheduleCheckinsSection {
  constructor(private readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole("region", { name: "Check-ins after this session" });
  }

  async schedule(planName: string): Promise<void> {
    await this.section.getByRole("combobox", { name: "Plan" }).selectOption({ label: planName });
    await this.section.getByRole("button", { name: "Schedule check-ins" }).click();
  }
}

export class CheckinSchedule {
  constructor(private readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole("region", { name: "Check-ins" });
  }

  items(): Locator {
    return this.section.getByRole("listitem");
  }

  /** Sends the first check-in and returns the link shown with the outbox message. */
  async sendFirst(): Promise<string> {
    const first = this.items().first();
    await first.getByRole("button", { name: "Send" }).click();
    const message = first.getByRole("region", { name: "Message to send" });
    await message.waitFor();
    return (await message.locator("code").innerText()).trim();
  }
}

export class CheckinLinkPage {
  constructor(private readonly page: Page) {}

  async answerScale(field: string, value: number): Promise<void> {
    await this.page.locator(`input[type="radio"][name="${field}"][value="${value}"]`).check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole("button", { name: "Send my answers" }).click();
  }
}

/** The Protocols page's "New protocol" form, with the check-in plan that signing schedules. */
export class NewProtocolWithPlan {
  constructor(private readonly page: Page) {}

  async create(protocol: { name: string; checkinPlan: string }): Promise<void> {
    await this.page.getByRole("button", { name: "New protocol" }).click();
    await this.page.getByLabel("Protocol name").fill(protocol.name);
    const step = this.page.getByRole("group", { name: "Step 1" });
    await chooseIn(step.getByRole("combobox", { name: "Step 1 technique" }), "Cupping");
    await chooseIn(step.getByRole("combobox", { name: "Step 1 region" }), "Rectus femoris, distal third");
    await step.getByLabel("Step 1 side").selectOption("right");
    await this.page.getByLabel("Check-in plan after signing").selectOption({ label: protocol.checkinPlan });
    await this.page.getByRole("button", { name: "Create protocol" }).click();
    await this.page.getByText(`Created ${protocol.name}.`).waitFor();
  }
}
