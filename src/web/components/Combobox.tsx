import { forwardRef, useId, useState, type KeyboardEvent, type ReactNode } from "react";

export interface ComboOption {
  value: string;
  label: string;
}

interface ComboboxProps {
  /** The accessible name (the field's label on screen, or aria-label). */
  label: string;
  options: readonly ComboOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  placeholder?: string;
  /** An empty field clears the value (otherwise it goes back to the chosen option). */
  clearable?: boolean;
  /** Enter while the list is closed (e.g. "add the next step"); Enter never submits the form. */
  onEnter?: () => void;
  className?: string;
}

/** Every typed word starts a word of the label: "dist r" finds "Right rectus femoris, distal third". */
const WORD_BREAK = /[\s,()/→-]+/;

export function matchOptions(options: readonly ComboOption[], query: string): ComboOption[] {
  const words = query.toLowerCase().split(WORD_BREAK).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((option) => {
    const labelWords = option.label.toLowerCase().split(WORD_BREAK).filter(Boolean);
    return words.every((word) => labelWords.some((labelWord) => labelWord.startsWith(word)));
  });
}

/**
 * A type-ahead combobox (ARIA 1.2 pattern) for long lists: type a few letters, the first match is
 * active, Enter or Tab takes it; arrows move through the matches; Escape goes back. A tap on the
 * field lists every option, a tap on one takes it.
 */
export const Combobox = forwardRef<HTMLInputElement, ComboboxProps>(function Combobox(
  { label, options, value, onChange, placeholder, clearable = true, onEnter, className },
  ref,
): ReactNode {
  const listId = useId();
  const chosen = options.find((option) => option.value === value);
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = query === null ? [...options] : matchOptions(options, query);
  const activeOption = open ? matches[Math.min(active, matches.length - 1)] : undefined;

  function take(option: ComboOption | undefined): void {
    if (option) onChange(option.value);
    setQuery(null);
    setOpen(false);
  }

  /** Leaving the field (Tab, a tap elsewhere) takes the active match of what was typed. */
  function commit(): void {
    if (query === null) return setOpen(false);
    if (query.trim() === "") {
      if (clearable) onChange(null);
      setQuery(null);
      setOpen(false);
      return;
    }
    take(matches.length > 0 ? activeOption : undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((n) => Math.min(n + 1, matches.length - 1));
        return;
      case "ArrowUp":
        event.preventDefault();
        setActive((n) => Math.max(n - 1, 0));
        return;
      case "Enter":
        event.preventDefault();
        if (open && query !== null && activeOption) take(activeOption);
        else if (open && activeOption && query === null) take(activeOption);
        else onEnter?.();
        return;
      case "Escape":
        if (open || query !== null) {
          event.preventDefault();
          setQuery(null);
          setOpen(false);
        }
        return;
    }
  }

  return (
    <div className={`combobox${className ? ` ${className}` : ""}`}>
      <input
        ref={ref}
        type="text"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.value}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={query ?? chosen?.label ?? ""}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => setOpen(true)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      {open ? (
        <ul className="combobox__list" role="listbox" id={listId} aria-label={label}>
          {matches.length === 0 ? <li className="combobox__none">No match</li> : null}
          {matches.map((option) => (
            <li
              key={option.value}
              id={`${listId}-${option.value}`}
              role="option"
              aria-selected={option === activeOption}
              className="combobox__option"
              // Keep focus in the field until the option is taken.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => take(option)}
            >
              {option.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
