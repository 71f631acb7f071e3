import { useEffect, useRef, type ReactNode } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

interface UPlotChartProps {
  /** Everything but the width, which follows the container. Memoise it: a new object redraws. */
  options: Omit<uPlot.Options, "width">;
  /** Memoise it, as `options`. */
  data: uPlot.AlignedData;
  /** What the chart shows, for screen readers (a canvas has no text of its own). */
  label: string;
  className?: string;
}

const MIN_WIDTH = 260;

/**
 * A uPlot chart that fills its container's width. uPlot styles its elements through the CSSOM
 * (element.style.x = …), which the page's CSP allows; it never writes inline style attributes.
 */
export function UPlotChart({ options, data, label, className }: UPlotChartProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const plot = new uPlot({ ...options, width: Math.max(container.clientWidth, MIN_WIDTH) }, data, container);
    const observer = new ResizeObserver(() => {
      const width = Math.max(container.clientWidth, MIN_WIDTH);
      if (width !== plot.width) plot.setSize({ width, height: options.height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [options, data]);

  return <div ref={ref} className={className ? `chart ${className}` : "chart"} role="img" aria-label={label} />;
}

/** Canvas pixels per CSS pixel, which uPlot draws in. */
export function pixelRatio(): number {
  return typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
}

/** The font uPlot's own axes use, at `size` CSS pixels, scaled for the canvas. */
export function canvasFont(size: number, weight = 400): string {
  return `${weight} ${Math.round(size * pixelRatio())}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
}
