import { gzipSync } from "node:zlib";
import yazl from "yazl";

/** Builds a zip in memory from name → bytes (for upload tests). */
export async function buildZip(entries: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(Buffer.from(typeof content === "string" ? Buffer.from(content) : content), name, { compress: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function gzip(bytes: Uint8Array | string): Uint8Array {
  return gzipSync(typeof bytes === "string" ? Buffer.from(bytes) : bytes);
}

/**
 * Renames entries in a built zip by patching the name bytes in place (same length), to make the
 * hostile names (`../../x`) that zip writers, rightly, refuse to write.
 */
export function renameZipEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error("renameZipEntry needs names of the same length");
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  if (at < 0) throw new Error(`no entry named ${from}`);
  while (at >= 0) {
    out.write(to, at, "latin1");
    at = out.indexOf(needle, at + needle.length);
  }
  return out;
}
