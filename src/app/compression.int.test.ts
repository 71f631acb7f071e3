import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
let webDir: string;
const SCRIPT = `console.log(${JSON.stringify("a runner's hip flexor ".repeat(2000))});\n`;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-web-"));
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "index.html"), `<!doctype html><title>Palpable</title>${"<!-- padding -->".repeat(100)}`);
  fs.writeFileSync(path.join(webDir, "assets", "app-1234.js"), SCRIPT);
  fs.writeFileSync(path.join(webDir, "assets", "logo.png"), Buffer.alloc(4096, 7));
  app = await startTestApp({ webDir });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/** The bytes as sent, not decoded (fetch would decode them). */
function rawGet(
  pathname: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pathname, app.server.url.replace("localhost", "127.0.0.1")), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

const cookie = () =>
  browser
    .cookieNames()
    .map((name) => `${name}=${browser.cookie(name)}`)
    .join("; ");

describe("compression", () => {
  it("sends the app's script brotli- or gzip-compressed as the browser allows, byte for byte the same once decoded", async () => {
    const br = await rawGet("/assets/app-1234.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.brotliDecompressSync(br.body).toString("utf8")).toBe(SCRIPT);

    const gzip = await rawGet("/assets/app-1234.js", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).toString("utf8")).toBe(SCRIPT);

    const refused = await rawGet("/assets/app-1234.js", { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString("utf8")).toBe(SCRIPT);
    const plain = await rawGet("/assets/app-1234.js", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(SCRIPT);
  });

  it("leaves already-compressed files alone", async () => {
    const png = await rawGet("/assets/logo.png", { "accept-encoding": "gzip, br" });
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it("gzips API JSON and the app page for a browser that accepts it, and not for one that does not", async () => {
    const gz = await rawGet("/api/vocabulary", { "accept-encoding": "gzip, br", cookie: cookie() });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const decoded = JSON.parse(zlib.gunzipSync(gz.body).toString("utf8")) as unknown;
    const plain = await rawGet("/api/vocabulary", { cookie: cookie() });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(decoded).toEqual(JSON.parse(plain.body.toString("utf8")));

    const page = await rawGet("/clients", { "accept-encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(page.body).toString("utf8")).toContain("<title>Palpable</title>");
  });

  it("streams a client's zip archive as it is, uncompressed by the server", async () => {
    const clientId = await buildClient(browser);
    const zip = await rawGet(`/api/clients/${clientId}/export`, {
      "accept-encoding": "gzip, br",
      cookie: cookie(),
      origin: browser.baseUrl,
    });
    expect(zip.status).toBe(200);
    expect(zip.headers["content-encoding"]).toBeUndefined();
    expect(zip.body.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  });
});
