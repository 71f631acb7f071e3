import type { BuildOptions } from "esbuild";

/** esbuild's options for the server bundle of the project at `root` (default: this checkout). */
export function serverBuildOptions(root?: string): BuildOptions & { metafile: true; outdir: string };
/** Every src/**\/*.worker.ts under `root`, keyed by its output name (workers/<path without .ts>). */
export function workerEntryPoints(root?: string): Record<string, string>;
