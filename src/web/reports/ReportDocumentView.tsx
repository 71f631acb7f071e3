import type { ReactNode } from "react";
import type { Block, ChartFile, ReportDocument } from "../../reports/schema.js";
import { CollapsibleSection } from "../components/Sections";
import { svgDataUrl } from "./api";

function BlockView({ block, charts }: { block: Block; charts: ReadonlyMap<string, ChartFile> }): ReactNode {
  switch (block.kind) {
    case "paragraph":
      return <p>{block.text}</p>;
    case "list":
      return (
        <ul>
          {block.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      );
    case "table":
      return (
        <div className="report-table">
          <table>
            <thead>
              <tr>
                {block.head.map((cell) => (
                  <th key={cell} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) => (
                    <td key={column}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "figure": {
      const chart = charts.get(block.file);
      return (
        <figure className="report-figure">
          {chart ? <img src={svgDataUrl(chart.svg)} alt={chart.description} /> : null}
          <figcaption>{block.description}</figcaption>
        </figure>
      );
    }
  }
}

/** The id of the preview's n-th section heading (the page's section index links to it). */
export function reportSectionId(index: number): string {
  return `report-section-${index}`;
}

/** The anonymised report exactly as it will be printed and exported; each section folds on screen. */
export function ReportDocumentView({ document, charts }: { document: ReportDocument; charts: readonly ChartFile[] }): ReactNode {
  const byFile = new Map(charts.map((chart) => [chart.file, chart]));
  return (
    <article className="report-document" aria-label="Anonymised preview">
      <h2 className="report-document__title">{document.title}</h2>
      {document.sections.map((section, sectionIndex) => (
        <CollapsibleSection
          key={section.heading}
          id={reportSectionId(sectionIndex)}
          title={section.heading}
          level={3}
          className="report-section"
        >
          {section.blocks.map((block, index) => (
            <BlockView key={index} block={block} charts={byFile} />
          ))}
        </CollapsibleSection>
      ))}
    </article>
  );
}
