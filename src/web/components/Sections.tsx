import { useEffect, useId, useState, type ReactNode } from "react";

const OPEN_EVENT = "palpable:open-section";

/**
 * A long page's section that folds: its heading is a button (aria-expanded) that hides or shows
 * the content; the page's section index opens it before jumping to it. Named by its heading, so
 * it stays a region a screen reader can list.
 */
export function CollapsibleSection({
  id,
  title,
  level = 2,
  className = "card",
  children,
}: {
  /** The heading's id, which the section index links to. */
  id: string;
  title: string;
  level?: 2 | 3;
  className?: string;
  children: ReactNode;
}): ReactNode {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  useEffect(() => {
    const onOpen = (event: Event): void => {
      if ((event as CustomEvent<string>).detail === id) setOpen(true);
    };
    window.addEventListener(OPEN_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_EVENT, onOpen);
  }, [id]);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={`${className} collapsible${open ? "" : " collapsible--closed"}`} aria-labelledby={id}>
      <Heading id={id} className="collapsible__heading">
        <button type="button" className="collapsible__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span className="collapsible__chevron" aria-hidden="true" />
          {title}
        </button>
      </Heading>
      <div id={bodyId} className="collapsible__body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** "On this page": links to a long page's sections; following one opens the section if it is folded. */
export function SectionIndex({
  sections,
  label = "On this page",
}: {
  sections: readonly { id: string; title: string }[];
  label?: string;
}): ReactNode {
  if (sections.length < 2) return null;
  return (
    <nav className="section-index" aria-label={label}>
      <span className="section-index__label">{label}:</span>
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a
              href={`#${section.id}`}
              onClick={(event) => {
                event.preventDefault();
                window.dispatchEvent(new CustomEvent(OPEN_EVENT, { detail: section.id }));
                const heading = document.getElementById(section.id);
                heading?.scrollIntoView({ block: "start" });
                heading?.querySelector("button")?.focus({ preventScroll: true });
              }}
            >
              {section.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
