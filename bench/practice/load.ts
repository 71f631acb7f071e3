import { PAGE_BUDGET_MS } from "./options.js";

export interface Stats {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  bytes: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `users` concurrent loops issue `total` requests in all; make(i) builds request i. Stops early
 * after the page budget. Latencies are whole request times, body read.
 */
export async function load(users: number, total: number, make: (i: number) => { url: string; init?: RequestInit }): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total && performance.now() - started < PAGE_BUDGET_MS) {
      const i = next++;
      const { url, init } = make(i);
      const t = performance.now();
      try {
        const response = await fetch(url, init);
        const body = await response.arrayBuffer();
        bytes += body.byteLength;
        if (response.status >= 400) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: users }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / seconds,
    bytes: latencies.length > 0 ? bytes / latencies.length : 0,
  };
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");

export function row(name: string, users: number, s: Stats): void {
  console.log(
    `${name.padEnd(34)} ${String(users).padStart(5)} ${String(s.count).padStart(5)} ${String(s.errors).padStart(4)} ${ms(s.p50).padStart(9)} ${ms(s.p95).padStart(9)} ${ms(s.p99).padStart(9)} ${s.rps.toFixed(0).padStart(7)} ${(s.bytes / 1024).toFixed(1).padStart(9)}`,
  );
}
