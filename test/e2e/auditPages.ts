import type { Locator, Page } from "playwright-core";

/** The danger zone on a client's profile: erase after typing the client's full name. */
export class EraseClientPanel {
  constructor(private readonly page: Page) {}

  get eraseButton(): Locator {
    return this.page.getByRole("button", { name: "Erase everything about this client" });
  }

  async open(): Promise<void> {
    await this.page.getByRole("heading", { name: "Erase this client", level: 2 }).waitFor();
    await this.page.getByRole("button", { name: "Erase this client…" }).click();
  }

  async typeName(name: string): Promise<void> {
    await this.page.getByLabel(/Type the client's full name/).fill(name);
  }
}

/** The owner's audit log page. */
export class AuditLogPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Audit log", level: 1 });
  }

  async openFromNav(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await this.heading.waitFor();
  }

  rows(): Locator {
    return this.page.locator("table.table--audit tbody tr");
  }

  async filterByAction(label: string): Promise<void> {
    await this.page.getByRole("search", { name: "Filter the audit log" }).getByLabel("Action").selectOption({ label });
    await this.page.getByRole("button", { name: "Apply" }).click();
  }
}
