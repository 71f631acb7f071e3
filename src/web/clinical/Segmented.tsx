import type { ReactNode } from "react";

interface SegmentedProps<T extends string | number> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | null;
  /** Called with null when the selected option is tapped again (clears it). */
  onChange: (value: T | null) => void;
  compact?: boolean;
}

/** A row of one-tap toggle buttons (pain 0–10, a grade…); tapping the chosen one clears it. */
export function Segmented<T extends string | number>({ label, options, value, onChange, compact }: SegmentedProps<T>): ReactNode {
  return (
    <div className={`segmented${compact ? " segmented--compact" : ""}`} role="group" aria-label={label}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={String(option.value)}
            type="button"
            className="segmented__option"
            aria-pressed={selected}
            onClick={() => onChange(selected ? null : option.value)}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}

export const ZERO_TO_TEN = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
