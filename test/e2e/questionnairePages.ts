import type { Page } from "playwright-core";

/** Page object for the practice's Questionnaires page (the builder). */
export class QuestionnairesPage {
  constructor(private readonly page: Page) {}

  item(number: number) {
    return this.page.getByRole("listitem", { name: `Item ${number}`, exact: true });
  }

  async startNew(title: string): Promise<void> {
    await this.page.getByRole("button", { name: "New questionnaire" }).click();
    await this.page.getByRole("textbox", { name: "Title" }).fill(title);
  }

  async addItem(): Promise<void> {
    await this.page.getByRole("button", { name: "Add item" }).click();
  }

  async wording(number: number, text: string, type?: string): Promise<void> {
    const item = this.item(number);
    await item.getByRole("textbox", { name: `Item ${number} wording` }).fill(text);
    if (type) await item.getByRole("combobox", { name: `Item ${number} type` }).selectOption({ label: type });
  }

  async create(): Promise<void> {
    await this.page.getByRole("button", { name: "Create questionnaire" }).click();
  }
}
