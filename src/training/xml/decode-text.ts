export interface DecodedXmlText {
  /** The document, starting at its first non-whitespace character. */
  readonly text: string;
  /** Problems worked around while decoding, e.g. bytes that were not valid UTF-8. */
  readonly warnings: readonly string[];
}

/**
 * Declared encodings we read as UTF-8. UTF-16 is among them: a declaration we could read as ASCII
 * means the bytes are not really UTF-16 (true UTF-16 files start with a BOM, handled first).
 */
const UTF8_LABELS = new Set(["utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "ucs-2"]);

/**
 * Turns the bytes of an XML file into text: UTF-8 by default (with or without a BOM), UTF-16 when a
 * BOM says so, or a single-byte encoding such as ISO-8859-1 when the XML declaration names one.
 * Leading whitespace is removed because some exporters (Strava's TCX) write spaces before the
 * `<?xml` declaration, which XML forbids and strict parsers reject.
 */
export function decodeXmlText(bytes: Uint8Array): DecodedXmlText {
  const warnings: string[] = [];
  const text = decode(bytes, warnings);
  return { text: stripLeadingWhitespace(text), warnings };
}

function decode(bytes: Uint8Array, warnings: string[]): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const declared = declaredEncoding(bytes);
  if (declared !== null && !UTF8_LABELS.has(declared)) {
    const decoder = decoderFor(declared);
    if (decoder) return decoder.decode(bytes);
    warnings.push(`The file declares the encoding "${declared}", which is not supported; it was read as UTF-8.`);
  }
  try {
    // TextDecoder drops a UTF-8 byte-order mark by itself.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    warnings.push("The file is not valid UTF-8; unreadable characters were replaced.");
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** The `encoding` of a leading `<?xml ...?>` declaration, lower-cased, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512));
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function stripLeadingWhitespace(text: string): string {
  let start = 0;
  while (start < text.length && isXmlSpaceOrBom(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

function isXmlSpaceOrBom(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xfeff;
}
