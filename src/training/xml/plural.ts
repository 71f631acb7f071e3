/** "1 track point", "3 track points": a count with its noun, for warning sentences. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "was" for one, "were" for any other count. */
export function wasOrWere(count: number): string {
  return count === 1 ? "was" : "were";
}
