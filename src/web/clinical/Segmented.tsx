import { useRef, type KeyboardEvent, type ReactNode } from "react";

interface SegmentedProps<T extends string | number> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | null;
  /** Called with null when the selected option is tapped again (clears it). */
  onChange: (value: T | null) => void;
  compact?: boolean;
}

/**
 * A row of one-tap choices (pain 0–10, a grade…) that is one radio group: one Tab stop (the
 * chosen option, or the first), arrow keys move and choose, Home/End jump, a digit chooses that
 * number on a numeric scale and a letter the next word starting with it, Delete clears. Tapping the chosen option again clears it.
 */
export function Segmented<T extends string | number>({ label, options, value, onChange, compact }: SegmentedProps<T>): ReactNode {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const selectedIndex = options.findIndex((option) => option.value === value);
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;

  function choose(index: number): void {
    const option = options[index];
    if (!option) return;
    onChange(option.value);
    refs.current[index]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const last = options.length - 1;
    let next: number | null = null;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
        next = index >= last ? 0 : index + 1;
        break;
      case "ArrowLeft":
      case "ArrowUp":
        next = index <= 0 ? last : index - 1;
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = last;
        break;
      case "Delete":
      case "Backspace":
        event.preventDefault();
        onChange(null);
        return;
      default:
        if (/^[0-9]$/.test(event.key)) {
          const digit = options.findIndex((option) => String(option.value) === event.key);
          if (digit >= 0) next = digit;
        } else if (/^[a-z]$/i.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
          // A letter chooses the next option starting with it ("c" → crunchy).
          const letter = event.key.toLowerCase();
          const order = options.map((_, i) => (index + 1 + i) % options.length);
          const found = order.find((i) => options[i]?.label.toLowerCase().startsWith(letter));
          if (found !== undefined) next = found;
        }
    }
    if (next === null) return;
    event.preventDefault();
    choose(next);
  }

  return (
    <div className={`segmented${compact ? " segmented--compact" : ""}`} role="radiogroup" aria-label={label}>
      {options.map((option, index) => {
        const selected = option.value === value;
        return (
          <button
            key={String(option.value)}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="radio"
            className="segmented__option"
            aria-checked={selected}
            tabIndex={index === tabStop ? 0 : -1}
            onClick={() => onChange(selected ? null : option.value)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}

export const ZERO_TO_TEN = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
