/**
 * A tiny HTTP client for integration tests: real requests over a socket to the real server, a
 * cookie jar, and the Origin header a browser would send.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const init: RequestInit = {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body) }),
      redirect: "manual",
    };
    const response = await fetch(new URL(path, this.baseUrl), init);
    for (const line of response.headers.getSetCookie()) this.storeCookie(line);
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json: json as Json, setCookies: response.headers.getSetCookie() };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, undefined, headers);
  }
  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request("POST", path, body, headers);
  }
  patch(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request("PATCH", path, body, headers);
  }
  put(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request("PUT", path, body, headers);
  }

  async signIn(email: string, password: string): Promise<TestResponse> {
    return this.post("/api/auth/sign-in/email", { email, password });
  }

  async signOut(): Promise<TestResponse> {
    return this.post("/api/auth/sign-out", {});
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  private storeCookie(line: string): void {
    const [pair] = line.split(";");
    if (!pair) return;
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = /max-age=0\b/i.test(line) || value === "";
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

// Tests read response bodies loosely; each test asserts the shape it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
  setCookies: string[];
}
