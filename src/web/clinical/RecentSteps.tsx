import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Step } from "./types";

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The practice's recent steps (technique, region, side, direction and minutes as last done), each
 * added whole in one tap. One Tab stop: the arrow keys move between them, Enter adds one.
 */
export function RecentSteps({
  recent,
  describe,
  onAdd,
}: {
  recent: readonly Step[];
  /** A step as a sentence (StepList's describeStep). */
  describe: (step: Step) => string;
  onAdd: (step: Step) => void;
}): ReactNode {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  if (recent.length === 0) return null;
  const current = Math.min(active, recent.length - 1);

  function move(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const delta = NEXT[event.key];
    const target = event.key === "Home" ? 0 : event.key === "End" ? recent.length - 1 : delta === undefined ? null : index + delta;
    if (target === null || target < 0 || target >= recent.length) return;
    event.preventDefault();
    setActive(target);
    buttons.current[target]?.focus();
  }

  return (
    <div className="steps__recent">
      <span className="label" id="recent-steps-label">
        Recent steps
      </span>
      <div className="pills" role="group" aria-labelledby="recent-steps-label">
        {recent.map((step, index) => (
          <button
            key={describe(step)}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="pill steps__recent-step"
            tabIndex={index === current ? 0 : -1}
            onFocus={() => setActive(index)}
            onKeyDown={(event) => move(event, index)}
            onClick={() => onAdd({ ...step, note: null })}
          >
            + {describe(step)}
          </button>
        ))}
      </div>
    </div>
  );
}
