import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { PALPABLE_BIN as CLI } from "../support/cli.js";

/**
 * End-to-end harness: a real `palpable start` process on a fresh data directory and a free port,
 * driven by real Chromium. It builds nothing: `npm run test:e2e` builds dist/web first. The process
 * runs the source, or the built bundle with PALPABLE_TEST_BUILT=1 (test/support/cli.ts).
 */

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WEB_INDEX = path.join(REPO_ROOT, "dist", "web", "index.html");
const STARTUP_TIMEOUT_MS = 30_000;

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  /** Runs `palpable <args>` against the same data directory. */
  cli(args: string[]): Promise<CliResult>;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`palpable start exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`palpable start did not answer /api/health within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `palpable start` on a fresh temporary data directory and waits until it is
 * healthy. `env` adds settings, e.g. SMTP_URL pointing at a test SMTP server; `demo` loads the demo
 * practice first (`palpable demo` refuses a directory a running server holds, so it comes first).
 */
export async function startServer(options: { env?: NodeJS.ProcessEnv; demo?: boolean } = {}): Promise<TestServer> {
  if (!fs.existsSync(WEB_INDEX)) {
    throw new Error(`${WEB_INDEX} is missing: run "npm run build:web" (or "npm run test:e2e", which builds first).`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PALPABLE_DATA_DIR: dataDir, PORT: String(port) };
  delete env.DATABASE_URL; // Each run gets its own SQLite database; PostgreSQL runs are for the integration suite.
  if (options.demo) {
    const demo = await runCli(["demo"], env);
    if (demo.code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`palpable demo exited with ${demo.code}:\n${demo.stdout}${demo.stderr}`);
    }
  }

  const child = spawn(process.execPath, [CLI, "start"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const output = (): string => log;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, output, stop, cli: (args) => runCli(args, env) };
}

/** Debian's Chromium (never a downloaded browser); PALPABLE_CHROMIUM overrides the path. */
export const CHROMIUM_PATH = process.env.PALPABLE_CHROMIUM ?? "/usr/bin/chromium";

/** Browser tests need Chromium installed; without it they are skipped, and say so. */
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);
if (!chromiumAvailable) {
  process.stderr.write(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).\n`);
}

/** Headless Chromium from the system (no browser download). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
