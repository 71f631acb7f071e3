import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { option, ROOT } from "./options.js";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * CPU time the main thread of a process has used so far, in ms (Linux /proc, clock ticks of
 * 10 ms): the event loop's own work, without worker threads (heavy pages warming up, checkpoints),
 * as time in the process itself and in the kernel on its behalf (system calls: sockets, files).
 */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--server"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profile = option("profile");
  const profiling = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child = spawn(process.execPath, [...profiling, "bin/palpable.mjs", "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PALPABLE_BASE_URL: url,
      PALPABLE_SCHEDULER: "off",
      PALPABLE_TRUST_PROXY: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { child, url };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start within 60 s");
}
