/**
 * The report as a print-ready HTML page (pure): the same document as the Markdown, charts inline
 * as SVG, and a stylesheet served beside it (the CSP allows no inline styles) that sets the paper
 * size with `@page`.
 */
import type { ChartFile } from "./charts.js";
import type { Block, ReportDocument } from "./document.js";
import { escapeHtml } from "../shared/html.js";

export const PAPERS = ["a4", "letter"] as const;
export type Paper = (typeof PAPERS)[number];

function block(b: Block, charts: ReadonlyMap<string, ChartFile>): string {
  switch (b.kind) {
    case "paragraph":
      return `<p>${escapeHtml(b.text)}</p>`;
    case "list":
      return `<ul>${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "table":
      return [
        "<table>",
        `<thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
        `<tbody>${b.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("")}</tbody>`,
        "</table>",
      ].join("");
    case "figure": {
      // Our own SVG, generated from numbers and escaped text; no scripts or external references.
      const svg = charts.get(b.file)?.svg ?? "";
      return `<figure>${svg}<figcaption>${escapeHtml(b.description)}</figcaption></figure>`;
    }
  }
}

export function printPage(document: ReportDocument, charts: readonly ChartFile[], paper: Paper): string {
  const byFile = new Map(charts.map((c) => [c.file, c]));
  const body = document.sections
    .map((section) => `<section><h2>${escapeHtml(section.heading)}</h2>${section.blocks.map((b) => block(b, byFile)).join("\n")}</section>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<link rel="stylesheet" href="/api/case-report-print.css?paper=${paper}">
</head>
<body class="paper-${paper}">
<p class="screen-only">Print preview (${paper === "a4" ? "A4" : "US Letter"}). Use your browser's Print command (Ctrl+P or ⌘P) to print or save as PDF.</p>
<article>
<h1>${escapeHtml(document.title)}</h1>
${body}
</article>
</body>
</html>
`;
}

/** The print stylesheet; only the page size differs between papers. */
export function printStylesheet(paper: Paper): string {
  const size = paper === "a4" ? "A4" : "letter";
  return `@page { size: ${size}; margin: 18mm 16mm; }
html { background: #eef2f6; }
body { margin: 0; font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #1f2933; }
article { box-sizing: border-box; background: #fff; margin: 16px auto; padding: 18mm 16mm; width: ${paper === "a4" ? "210mm" : "8.5in"}; max-width: 100%; box-shadow: 0 1px 4px rgba(0,0,0,0.15); }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 12pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #cbd2d9; padding-bottom: 2pt; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; font: 9pt/1.35 system-ui, sans-serif; margin: 6pt 0 10pt; }
th, td { border: 1px solid #cbd2d9; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #f1f5f9; }
tr { break-inside: avoid; }
figure { margin: 8pt 0 12pt; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; max-height: 120mm; }
figcaption { font: italic 9pt/1.4 system-ui, sans-serif; color: #52606d; margin-top: 4pt; }
.screen-only { font: 10pt system-ui, sans-serif; text-align: center; color: #52606d; margin: 12px; }
@media print {
  html { background: #fff; }
  article { margin: 0; padding: 0; width: auto; box-shadow: none; }
  .screen-only { display: none; }
}
`;
}
