import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { XmlElementHandler } from "./read-xml.js";
import { readXml } from "./read-xml.js";
import { trainingFileErrorOf as errorOf, utf8 } from "../../../test/support/training/xml-fixtures.js";

/** Records every element as "path=text" (leaf text trimmed) and every opening's attributes. */
function recorder(): XmlElementHandler & { closed: string[]; opened: Map<string, string>[] } {
  const closed: string[] = [];
  const opened: Map<string, string>[] = [];
  return {
    closed,
    opened,
    open: (_path, attributes) => opened.push(new Map(attributes)),
    close: (path, text) => closed.push(`${path.join("/")}=${text.trim()}`),
  };
}

/** Runs raw saxes the way it is configured in readXml, collecting its errors instead of throwing. */
function rawSaxes(xml: string, options: { xmlns: boolean } = { xmlns: false }): { text: string; errors: string[]; doctype: string | null } {
  const parser = new SaxesParser(options);
  const result = { text: "", errors: [] as string[], doctype: null as string | null };
  parser.on("text", (text) => (result.text += text));
  parser.on("error", (error) => result.errors.push(error.message));
  parser.on("doctype", (doctype) => (result.doctype = doctype));
  parser.write(xml).close();
  return result;
}

const PASSWD_XXE = `<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<gpx><name>&xxe;</name></gpx>`;
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>`;

describe("saxes, the parser underneath", () => {
  it("does not expand entities declared in a DTD", () => {
    const result = rawSaxes(BILLION_LAUGHS);
    expect(result.errors.some((message) => message.includes("undefined entity"))).toBe(true);
    // saxes leaves the unknown reference as literal text: a few bytes, not 3 GB of "lol".
    expect(result.text.trim()).toBe("&lol9;");
  });

  it("never fetches an external entity or DTD", () => {
    const xxe = rawSaxes(PASSWD_XXE);
    expect(xxe.errors.some((message) => message.includes("undefined entity"))).toBe(true);
    expect(xxe.text).not.toContain("root:");
    // An external DTD is kept as text; parsing is synchronous, so nothing could have been fetched.
    const externalDtd = rawSaxes('<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/evil.dtd"><gpx>ok</gpx>');
    expect(externalDtd.errors).toEqual([]);
    expect(externalDtd.doctype).toContain("http://127.0.0.1:9/evil.dtd");
  });

  it("rejects whitespace before the XML declaration and undeclared prefixes unless told otherwise", () => {
    expect(rawSaxes('   <?xml version="1.0"?><a/>').errors).not.toEqual([]);
    expect(rawSaxes("<a><p:b/></a>", { xmlns: true }).errors.some((message) => message.includes("unbound namespace prefix"))).toBe(true);
  });
});

describe("readXml", () => {
  it("streams elements by local name, whatever their prefix, even an undeclared one", () => {
    const handler = recorder();
    readXml(utf8(`<gpx xmlns:a="urn:a"><a:x n:unit="bpm">1</a:x><gpxtpx:hr>150</gpxtpx:hr></gpx>`), handler);
    expect(handler.closed).toEqual(["gpx/x=1", "gpx/hr=150", "gpx="]);
    expect(handler.opened[1]).toEqual(new Map([["unit", "bpm"]]));
  });

  it("decodes predefined entities, character references and CDATA", () => {
    const handler = recorder();
    readXml(utf8("<a><b>Fish &amp; chips &#233;</b><c><![CDATA[<raw>]]></c></a>"), handler);
    expect(handler.closed).toEqual(["a/b=Fish & chips é", "a/c=<raw>", "a="]);
  });

  it("reads UTF-8 with and without a byte-order mark, and UTF-16 with one", () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><name>Łódź Trail</name>';
    for (const bytes of [utf8(xml), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)])]) {
      const handler = recorder();
      readXml(bytes, handler);
      expect(handler.closed).toEqual(["name=Łódź Trail"]);
    }
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(xml, (c) => c.charCodeAt(0)).buffer)]);
    const handler = recorder();
    readXml(utf16, handler);
    expect(handler.closed).toEqual(["name=Łódź Trail"]);
  });

  it("strips whitespace before the XML declaration, as Strava TCX files have", () => {
    const handler = recorder();
    const outcome = readXml(utf8('\n          <?xml version="1.0" encoding="UTF-8"?>\n<a>1</a>'), handler);
    expect(outcome).toEqual({ malformed: null, warnings: [] });
    expect(handler.closed).toEqual(["a=1"]);
  });

  it("decodes a single-byte encoding named in the XML declaration", () => {
    const bytes = new Uint8Array([...utf8('<?xml version="1.0" encoding="ISO-8859-1"?><n>Caf'), 0xe9, ...utf8("</n>")]);
    const handler = recorder();
    readXml(bytes, handler);
    expect(handler.closed).toEqual(["n=Café"]);
  });

  it("replaces bytes that are not UTF-8, with a warning", () => {
    const handler = recorder();
    const outcome = readXml(new Uint8Array([...utf8("<n>Caf"), 0xe9, ...utf8("</n>")]), handler);
    expect(handler.closed).toEqual(["n=Caf\uFFFD"]);
    expect(outcome.warnings).toEqual(["The file is not valid UTF-8; unreadable characters were replaced."]);
  });

  it("refuses an XXE file before reading any element", () => {
    const handler = recorder();
    const error = errorOf(() => readXml(utf8(PASSWD_XXE), handler));
    expect(error.code).toBe("xml_entity_forbidden");
    expect(error.message).toMatch(/declares XML entities/);
    expect(handler.opened).toEqual([]);
  });

  it("refuses a billion-laughs file before reading any element", () => {
    const handler = recorder();
    expect(errorOf(() => readXml(utf8(BILLION_LAUGHS), handler)).code).toBe("xml_entity_forbidden");
    expect(handler.opened).toEqual([]);
  });

  it("allows a DOCTYPE that declares no entities", () => {
    const handler = recorder();
    readXml(utf8('<!DOCTYPE gpx SYSTEM "gpx.dtd"><gpx>1</gpx>'), handler);
    expect(handler.closed).toEqual(["gpx=1"]);
  });

  it("refuses what is not XML", () => {
    expect(errorOf(() => readXml(new Uint8Array(0), recorder())).message).toBe("The file is empty.");
    expect(errorOf(() => readXml(utf8("  \n "), recorder())).code).toBe("not_xml");
    expect(errorOf(() => readXml(utf8("lat,lon\n1,2"), recorder())).code).toBe("not_xml");
    expect(errorOf(() => readXml(new Uint8Array([0x3c, 0, 1, 2, 3]), recorder())).code).toBe("not_xml");
    const noRoot = errorOf(() => readXml(utf8('<?xml version="1.0"?>'), recorder()));
    expect(noRoot.code).toBe("not_xml");
    expect(noRoot.message).toMatch(/^The file is not well-formed XML \(line 1, column \d+: .+\)\.$/);
  });

  it("reports where a document breaks after its root opened, keeping what came before", () => {
    const handler = recorder();
    const cutShort = readXml(utf8("<gpx>\n<a>1</a>\n<b>2"), handler);
    expect(handler.closed).toEqual(["gpx/a=1"]);
    expect(cutShort.malformed).toMatch(/^line 3, column \d+: unclosed tag: b$/);
    const mismatched = readXml(utf8("<gpx>\n<a>1</a>\n<b>2</c></gpx>"), recorder());
    expect(mismatched.malformed).toMatch(/^line 3, column \d+: unexpected close tag/);
  });

  it("refuses input over the byte limit and nesting over the depth limit", () => {
    const limits = { maxBytes: 100, maxDepth: 3 };
    expect(errorOf(() => readXml(new Uint8Array(101), recorder(), limits)).code).toBe("too_large");
    expect(errorOf(() => readXml(utf8("<a><b><c><d/></c></b></a>"), recorder(), limits)).code).toBe("too_deep");
    const deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
    expect(errorOf(() => readXml(utf8(deep), recorder())).code).toBe("too_deep");
  });
});
