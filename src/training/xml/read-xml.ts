import { SaxesParser } from "saxes";
import { decodeXmlText } from "./decode-text.js";
import { TrainingFileError } from "./errors.js";

/**
 * Receives the elements of a document as they stream past. Names are local names: the part after
 * the colon, so `gpxtpx:hr`, `ns3:TPX` and an undeclared `foo:hr` all match as `hr`/`TPX`.
 */
export interface XmlElementHandler {
  /** `path` holds the local names of the open elements, the new one last (index 0 is the root). */
  open(path: readonly string[], attributes: ReadonlyMap<string, string>): void;
  /** `text` is the character data since the element's last child (for a leaf: all of it). */
  close(path: readonly string[], text: string): void;
}

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/** 200 MB is ~10x the largest real activity files (a 24 h run at 1 s in TCX is ~40 MB). */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 200 * 1024 * 1024, maxDepth: 64 };

export interface XmlReadOutcome {
  /**
   * Why reading stopped early, when the document broke after its root element opened (a truncated
   * download, trailing garbage), e.g. "line 12, column 4: unclosed tag: trkpt". Null when the whole
   * document was well-formed. The format parser decides whether what came before is worth keeping.
   */
  readonly malformed: string | null;
  /** Problems worked around while decoding the bytes. */
  readonly warnings: readonly string[];
}

/** Thrown from saxes' error callback to stop at the first well-formedness error. */
class XmlSyntaxError extends Error {}

/**
 * Streams an XML document through `handler` with a non-validating parser that never fetches
 * external resources. Refuses (with {@link TrainingFileError}) any DOCTYPE that declares entities,
 * input over `limits.maxBytes`, nesting over `limits.maxDepth`, and anything that is not XML.
 * Errors the handler throws propagate unchanged.
 */
export function readXml(bytes: Uint8Array, handler: XmlElementHandler, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlReadOutcome {
  if (bytes.byteLength > limits.maxBytes) {
    throw new TrainingFileError(
      "too_large",
      `The file is ${megabytes(bytes.byteLength)} MB; the limit is ${megabytes(limits.maxBytes)} MB.`,
    );
  }
  const { text, warnings } = decodeXmlText(bytes);
  if (text.length === 0) throw new TrainingFileError("not_xml", "The file is empty.");
  if (!text.startsWith("<")) throw new TrainingFileError("not_xml", "The file is not XML: it does not start with a tag.");

  const path: string[] = [];
  let characters = "";
  let rootOpened = false;
  // xmlns: false keeps prefixes as plain text, so files that use an undeclared prefix still parse.
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on("error", (error) => {
    throw new XmlSyntaxError(describeSaxesError(error.message));
  });
  parser.on("doctype", (doctype) => {
    if (doctype.includes("<!ENTITY")) {
      throw new TrainingFileError(
        "xml_entity_forbidden",
        "The file declares XML entities in a DOCTYPE; such files are refused because entities can read server files or exhaust memory.",
      );
    }
  });
  parser.on("opentag", (tag) => {
    if (path.length >= limits.maxDepth) {
      throw new TrainingFileError("too_deep", `The XML nests elements more than ${limits.maxDepth} levels deep.`);
    }
    path.push(localName(tag.name));
    rootOpened = true;
    characters = "";
    handler.open(path, localAttributes(tag.attributes));
  });
  parser.on("text", (chunk) => {
    characters += chunk;
  });
  parser.on("cdata", (chunk) => {
    characters += chunk;
  });
  parser.on("closetag", () => {
    handler.close(path, characters);
    characters = "";
    path.pop();
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    if (!rootOpened) throw new TrainingFileError("not_xml", `The file is not well-formed XML (${error.message}).`);
    return { malformed: error.message, warnings };
  }
  return { malformed: null, warnings };
}

/** The part of a qualified name after its prefix: `gpxtpx:hr` → `hr`. */
function localName(qualifiedName: string): string {
  const colon = qualifiedName.lastIndexOf(":");
  return colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1);
}

function localAttributes(attributes: Record<string, string>): Map<string, string> {
  const byLocalName = new Map<string, string>();
  for (const [name, value] of Object.entries(attributes)) byLocalName.set(localName(name), value);
  return byLocalName;
}

/** saxes reports "12:4: unclosed tag: trkpt"; users read "line 12, column 4: unclosed tag: trkpt". */
function describeSaxesError(message: string): string {
  const match = /^(\d+):(\d+): (.*)$/s.exec(message);
  if (!match) return message;
  return `line ${match[1]}, column ${match[2]}: ${match[3]?.replace(/\.$/, "")}`;
}

function megabytes(byteCount: number): string {
  return (byteCount / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");
}
