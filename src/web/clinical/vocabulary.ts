import { useSyncExternalStore } from "react";
import { errorMessage } from "../api";
import { clinicalApi } from "./api";
import type { BodySide, FindingInput, Grade, Region, Vocabulary } from "./types";
import { QUALITY_CODES } from "./types";

/** The vocabulary is fixed per server version: load it once per page load and share it. */
type VocabularyState = { status: "loading" } | { status: "ready"; vocabulary: Vocabulary } | { status: "error"; message: string };

let state: VocabularyState = { status: "loading" };
let started = false;
const listeners = new Set<() => void>();

function load(): void {
  started = true;
  clinicalApi.vocabulary().then(
    (vocabulary) => set({ status: "ready", vocabulary }),
    (error: unknown) => set({ status: "error", message: errorMessage(error) }),
  );
}

function set(next: VocabularyState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!started) load();
  return () => listeners.delete(listener);
}

/** Adds a technique the practice defined to the loaded vocabulary, so every picker offers it at once. */
export function addTechniqueToVocabulary(technique: Vocabulary["techniques"][number]): void {
  if (state.status !== "ready") return;
  const { vocabulary } = state;
  set({ status: "ready", vocabulary: { ...vocabulary, techniques: [...vocabulary.techniques, technique] } });
}

/** The shared vocabulary; `retry` reloads it after a failure. */
export function useVocabulary(): { state: VocabularyState; retry: () => void } {
  const current = useSyncExternalStore(subscribe, () => state);
  return {
    state: current,
    retry: () => {
      set({ status: "loading" });
      load();
    },
  };
}

/** Map key of one region on one side (`null` for midline regions). */
export function regionKey(code: string, side: BodySide | null): string {
  return `${code}|${side ?? "mid"}`;
}

function lowerFirst(name: string): string {
  const second = name.charAt(1);
  return second && second === second.toLowerCase() ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** "Right rectus femoris, distal third"; midline regions keep their own name. */
export function regionLabel(region: Pick<Region, "name">, side: BodySide | null): string {
  if (!side) return region.name;
  return `${side === "right" ? "Right" : "Left"} ${lowerFirst(region.name)}`;
}

/** Highest grade of any quality of a finding, or null when none is graded. */
export function highestGrade(finding: Pick<FindingInput, "qualities">): Grade | null {
  let highest: Grade | null = null;
  for (const code of QUALITY_CODES) {
    const grade = finding.qualities[code];
    if (grade !== null && (highest === null || grade > highest)) highest = grade;
  }
  return highest;
}

/** Highest grade per region and side over a set of findings, for shading a body map. */
export function gradesByRegion(findings: readonly Pick<FindingInput, "regionCode" | "side" | "qualities">[]): Map<string, Grade> {
  const grades = new Map<string, Grade>();
  for (const finding of findings) {
    const key = regionKey(finding.regionCode, finding.side);
    const grade = highestGrade(finding) ?? 0;
    const previous = grades.get(key);
    if (previous === undefined || grade > previous) grades.set(key, grade);
  }
  return grades;
}

export function nameOf<T extends { code: string; name: string }>(items: readonly T[], code: string | null): string {
  if (!code) return "";
  return items.find((item) => item.code === code)?.name ?? code;
}
