/**
 * The deploy path, checked end to end: build, copy what a deploy ships (package files, bin/,
 * dist/, node_modules/; no src/) to a temporary folder, `npm prune --omit=dev` there, start it
 * with `npm start` on a free port and a temporary data directory, and use it: /api/health, the
 * web app at /, its script, a client-side route, first-run setup and sign-in, and the CLI. The
 * process runs with test/deploy/egress-guard.mjs preloaded, so any attempt to reach another
 * machine fails the check.
 *
 *   npm run test:deploy [-- --no-build]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TestBrowser } from "../support/http.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GUARD = pathToFileURL(fileURLToPath(new URL("./egress-guard.mjs", import.meta.url))).href;
const SHIPPED = ["package.json", "package-lock.json", "bin", "dist", "node_modules"];
const DEV_ONLY = ["tsx", "vite", "esbuild", "rolldown", "vitest", "typescript", "react"];
const STARTUP_TIMEOUT_MS = 60_000;

let passed = 0;
function check(condition: unknown, what: string, detail = ""): void {
  if (!condition) throw new Error(`deploy check failed: ${what}${detail ? `\n${detail}` : ""}`);
  passed += 1;
  console.log(`ok  ${what}`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A short GPX run written here, so the CLI check needs no fixture file and no TypeScript. */
function gpxRun(): string {
  const points: string[] = [];
  const start = Date.parse("2026-11-20T07:00:00Z");
  for (let i = 0; i <= 600; i += 5) {
    const lat = 51.5 + i * 0.000025;
    const time = new Date(start + i * 1000).toISOString();
    points.push(`<trkpt lat="${lat.toFixed(6)}" lon="-0.1"><ele>${(20 + i * 0.01).toFixed(1)}</ele><time>${time}</time></trkpt>`);
  }
  return `<?xml version="1.0"?><gpx version="1.1" creator="deploy-check"><trk><type>running</type><trkseg>${points.join("")}</trkseg></trk></gpx>`;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<Response> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return response;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not answer /api/health within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

/** Stops npm and the server it started (one process group), and waits until all are gone. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || !signalGroup(child.pid, "SIGTERM")) return;
  const deadline = Date.now() + 10_000;
  while (signalGroup(child.pid, 0)) {
    if (Date.now() > deadline) signalGroup(child.pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `signal` to the group; false when no process of it is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  if (!process.argv.includes("--no-build")) {
    const build = run("npm", ["run", "build"], ROOT);
    check(build.code === 0, "npm run build", build.output);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-deploy-"));
  const app = path.join(work, "app");
  const dataDir = path.join(work, "data");
  let server: ChildProcess | undefined;
  try {
    fs.mkdirSync(app);
    for (const name of SHIPPED) fs.cpSync(path.join(ROOT, name), path.join(app, name), { recursive: true, verbatimSymlinks: true });
    const prune = run("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], app);
    check(prune.code === 0, "npm prune --omit=dev in a copy without src/", prune.output);
    // npm keeps vitest, vite, tsx, esbuild and react after --omit=dev: better-auth names them as
    // optional peers. Dropping optional packages too removes them, so a start that needed any
    // of them would fail here.
    const strict = run("npm", ["prune", "--omit=dev", "--omit=optional", "--no-audit", "--no-fund"], app);
    check(strict.code === 0, "npm prune --omit=dev --omit=optional", strict.output);
    const leftOver = DEV_ONLY.filter((name) => fs.existsSync(path.join(app, "node_modules", name)));
    check(leftOver.length === 0, `no build or test tools left (${DEV_ONLY.join(", ")})`, `still installed: ${leftOver.join(", ")}`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PALPABLE_DATA_DIR: dataDir,
      PALPABLE_BASE_URL: baseUrl,
      // npm passes this to the script it runs as NODE_OPTIONS (npm itself is left alone).
      npm_config_node_options: `--import=${GUARD}`,
    };
    delete env.DATABASE_URL;
    delete env.SMTP_URL;
    let log = "";
    server = spawn("npm", ["start"], { cwd: app, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));

    const health = await waitForHealth(baseUrl, server, () => log);
    check((await health.json()) as unknown, "npm start answers /api/health");

    const browser = new TestBrowser(baseUrl);
    const home = await browser.get("/");
    check(
      home.status === 200 && home.headers.get("content-type")?.startsWith("text/html"),
      "/ serves the web app",
      home.text.slice(0, 300),
    );
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1];
    const asset = script ? await browser.get(script) : undefined;
    check(asset?.status === 200 && asset.headers.get("content-type")?.startsWith("text/javascript"), "the app's script is served", script);
    const route = await browser.get("/clients");
    check(route.status === 200 && route.text === home.text, "a client-side route gets the app");

    const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-Kx!`;
    const setup = await browser.post("/api/setup", {
      practiceName: "Deploy Check Practice",
      name: "Robin Deploy",
      email: "robin@deploy-check.test",
      password,
    });
    check(setup.status === 201 || setup.status === 200, "first-run setup creates the practice", setup.text);
    const signIn = await browser.signIn("robin@deploy-check.test", password);
    const me = await browser.get("/api/me");
    check(signIn.status === 200 && me.status === 200, "the owner signs in and reads /api/me", `${signIn.text}\n${me.text}`);

    const cliEnv = { ...env, NODE_OPTIONS: `--import=${GUARD}` };
    const help = run(process.execPath, ["bin/palpable.mjs", "--help"], app, cliEnv);
    check(help.code === 0 && help.output.includes("Usage: palpable"), "palpable --help", help.output);
    const gpx = path.join(work, "run.gpx");
    fs.writeFileSync(gpx, gpxRun());
    const activity = run(process.execPath, ["bin/palpable.mjs", "activity", gpx, "--json"], app, cliEnv);
    check(activity.code === 0 && activity.output.includes('"format":"gpx"'), "palpable activity reads a GPX file", activity.output);

    await stopGroup(server);
    const egress = `${log}${help.output}${activity.output}`.split("\n").filter((line) => line.startsWith("EGRESS "));
    check(
      log.includes("egress guard active") && help.output.includes("egress guard active"),
      "the egress guard ran in the server and the CLI",
    );
    check(egress.length === 0, "nothing tried to reach another machine", egress.join("\n"));
    console.log(`deploy check: ${passed} checks passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (server) await stopGroup(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
