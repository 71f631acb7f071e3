import { useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { LABEL_NAMES, sortLabels } from "./format";
import { BANDED_KINDS } from "./labelColours";
import type { ActivityLabel } from "./types";

/** Keeps a fixed-position tooltip inside the window, below its chip (above it near the bottom). */
function placeTip(chip: HTMLElement, tip: HTMLElement): void {
  const margin = 8;
  const chipBox = chip.getBoundingClientRect();
  const { width, height } = tip.getBoundingClientRect();
  const left = Math.min(Math.max(margin, chipBox.left), window.innerWidth - width - margin);
  const below = chipBox.bottom + 6;
  const top = below + height > window.innerHeight - margin ? chipBox.top - 6 - height : below;
  tip.style.left = `${Math.max(margin, left)}px`;
  tip.style.top = `${Math.max(margin, top)}px`;
}

/**
 * A label's name as a chip. The evidence sentence is its accessible description, and shows as a
 * tooltip on hover or focus (the chip is focusable so keyboard and touch users can reach it). The
 * tooltip is fixed to the window, so a scrolling table never clips it; scrolling closes it.
 */
export function LabelChip({ label }: { label: ActivityLabel }): ReactNode {
  const tipId = useId();
  const chipRef = useRef<HTMLSpanElement>(null);
  const tipRef = useRef<HTMLSpanElement>(null);
  // Hover and focus are tracked apart: after a tap, the pointer "leaves" but the chip keeps focus.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const open = hovered || focused;

  useLayoutEffect(() => {
    if (!open || !chipRef.current || !tipRef.current) return;
    placeTip(chipRef.current, tipRef.current);
    const close = (): void => {
      setHovered(false);
      setFocused(false);
    };
    window.addEventListener("scroll", close, { capture: true, passive: true });
    window.addEventListener("resize", close);
    return () => {
      window.removeEventListener("scroll", close, { capture: true });
      window.removeEventListener("resize", close);
    };
  }, [open]);

  return (
    <span
      className="chip-wrap"
      onPointerEnter={(event) => setHovered(event.pointerType === "mouse")}
      onPointerLeave={() => setHovered(false)}
    >
      <span
        ref={chipRef}
        className={`chip chip--${label.kind}`}
        tabIndex={0}
        aria-describedby={tipId}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            setFocused(false);
            setHovered(false);
          }
        }}
      >
        {LABEL_NAMES[label.kind]}
      </span>
      <span ref={tipRef} role="tooltip" id={tipId} className={`chip__tip${open ? " is-open" : ""}`}>
        {label.evidence}
      </span>
    </span>
  );
}

export function LabelChips({ labels }: { labels: readonly ActivityLabel[] }): ReactNode {
  if (labels.length === 0) return null;
  return (
    <span className="chips">
      {sortLabels(labels).map((label) => (
        <LabelChip key={label.kind} label={label} />
      ))}
    </span>
  );
}

function shadedText(label: ActivityLabel): string {
  const n = label.details.segments.length;
  if (!BANDED_KINDS.has(label.kind) || n === 0) return "";
  return `${n} stretch${n === 1 ? "" : "es"} shaded below, `;
}

/** Each label with its evidence written out, for the activity page. */
export function LabelEvidence({ labels }: { labels: readonly ActivityLabel[] }): ReactNode {
  if (labels.length === 0) return <p className="muted">No pattern recognised in this activity.</p>;
  return (
    <ul className="evidence-list">
      {sortLabels(labels).map((label) => (
        <li key={label.kind}>
          <span className={`chip chip--${label.kind}`}>{LABEL_NAMES[label.kind]}</span>
          <span>
            {label.evidence}{" "}
            <span className="muted">
              ({shadedText(label)}confidence {Math.round(label.confidence * 100)}%)
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
