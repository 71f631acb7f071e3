/**
 * The report document as Markdown (pure), for pasting into a blog: headings, paragraphs, lists,
 * pipe tables and figures that point at the SVG files beside `report.md` in the zip.
 */
import type { Block, ReportDocument } from "./document.js";

/** Characters that would start Markdown syntax in running text are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, "\\$1").replace(/\r?\n/g, " ");
}

function tableCell(text: string): string {
  return escapeMarkdown(text).trim() || " ";
}

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return escapeMarkdown(b.text);
    case "list":
      return b.items.map((item) => `- ${escapeMarkdown(item)}`).join("\n");
    case "table":
      return [
        `| ${b.head.map(tableCell).join(" | ")} |`,
        `| ${b.head.map(() => "---").join(" | ")} |`,
        ...b.rows.map((row) => `| ${row.map(tableCell).join(" | ")} |`),
      ].join("\n");
    case "figure":
      return `![${escapeMarkdown(b.title)}](${b.file})\n\n*${escapeMarkdown(b.description)}*`;
  }
}

export function toMarkdown(document: ReportDocument): string {
  const parts = [`# ${escapeMarkdown(document.title)}`];
  for (const section of document.sections) {
    parts.push(`## ${escapeMarkdown(section.heading)}`);
    for (const b of section.blocks) parts.push(block(b));
  }
  return `${parts.join("\n\n")}\n`;
}
