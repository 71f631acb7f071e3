/** Helpers shared by the GPX, TCX and XML reader tests. */
import { TrainingFileError } from "../../../src/training/xml/errors.js";

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Runs `run` and returns the {@link TrainingFileError} it throws; fails the test otherwise. */
export function trainingFileErrorOf(run: () => unknown): TrainingFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof TrainingFileError) return error;
    throw error;
  }
  throw new Error("expected a TrainingFileError, but nothing was thrown");
}

/** ISO time `seconds` after 2024-05-01T06:00:00Z ({@link START_MS}). */
export function secondsAfterStart(seconds: number): string {
  return new Date(START_MS + seconds * 1000).toISOString();
}

export const START_MS = Date.UTC(2024, 4, 1, 6, 0, 0);
