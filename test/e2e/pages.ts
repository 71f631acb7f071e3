import type { Locator, Page } from "playwright-core";

/** Page objects: what a practitioner sees and does, named the way they would say it. */

export interface Credentials {
  email: string;
  password: string;
}

export class SetupPage {
  constructor(private readonly page: Page) {}

  async createPractice(input: { practiceName: string; name: string } & Credentials): Promise<void> {
    await this.page.getByRole("heading", { name: "Set up your practice" }).waitFor();
    await this.page.getByLabel("Practice name").fill(input.practiceName);
    await this.page.getByLabel("Your name").fill(input.name);
    await this.page.getByLabel("Email").fill(input.email);
    await this.page.getByLabel("Password", { exact: true }).fill(input.password);
    await this.page.getByLabel("Confirm password").fill(input.password);
    await this.page.getByRole("button", { name: "Create practice" }).click();
  }
}

export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/sign-in`);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Sign in" });
  }

  async signIn({ email, password }: Credentials): Promise<void> {
    await this.heading.waitFor();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

/** The frame around every signed-in page. */
export class AppNav {
  constructor(private readonly page: Page) {}

  async goToClients(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}

export class ClientsPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/clients`);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Clients", level: 1 });
  }

  get searchBox(): Locator {
    return this.page.getByLabel("Search clients");
  }

  clientLink(fullName: string): Locator {
    return this.page.getByRole("main").getByRole("link", { name: fullName, exact: true });
  }

  async startNewClient(): Promise<void> {
    await this.page.getByRole("link", { name: "New client" }).click();
  }

  /** Types into the search box and waits until the debounced search has reached the URL. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.page.waitForURL((url) => url.searchParams.get("q") === text.trim());
  }
}

export class ClientFormPage {
  constructor(private readonly page: Page) {}

  async fillBasics(input: { firstName: string; lastName: string; email?: string; weeklyKm?: number }): Promise<void> {
    await this.page.getByLabel("First name").fill(input.firstName);
    await this.page.getByLabel("Last name").fill(input.lastName);
    if (input.email) await this.page.getByLabel("Email").fill(input.email);
    if (input.weeklyKm !== undefined) await this.page.getByLabel("Weekly distance (km)").fill(String(input.weeklyKm));
  }

  async addInjury(description: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add injury" }).click();
    await this.page.getByLabel("Description").last().fill(description);
  }

  /** The language (locale) of what the client reads: "Practice default" or a name from the list. */
  get language(): Locator {
    return this.page.getByLabel("Language for e-mails and links");
  }

  async save(label = "Add client"): Promise<void> {
    await this.page.getByRole("button", { name: label }).click();
  }
}

export class ClientDetailPage {
  constructor(private readonly page: Page) {}

  heading(fullName: string): Locator {
    return this.page.getByRole("heading", { name: fullName, level: 1 });
  }
}

export class NotFoundPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Not found", level: 1 });
  }
}
