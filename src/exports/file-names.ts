/**
 * Names for downloads and for entries in the client archive. Download names are plain ASCII so
 * the Content-Disposition header needs no encoding; archive entry names keep the original file
 * name, made safe (no folders, no control characters) and unique.
 */

/** "Zoë O'Brien" → "zoe-obrien"; never empty. */
export function slug(text: string, fallback = "export"): string {
  const cleaned = text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return cleaned === "" ? fallback : cleaned;
}

/** `attachment; filename="…"` for a name made of [a-z0-9.-] only. */
export function attachment(fileName: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(fileName)) throw new Error("download names must be plain ASCII");
  return `attachment; filename="${fileName}"`;
}

/** The last path segment of an uploaded name, without control characters; `fallback` when nothing is left. */
export function safeEntryName(name: string, fallback: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? fallback : cleaned.slice(0, 200);
}

/**
 * Makes names unique in the order given: the second "run.fit" becomes "run (2).fit". Comparison
 * ignores case, since archives are often unpacked on case-insensitive file systems.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
