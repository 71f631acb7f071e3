import { useEffect, useState } from "react";
import {
  LIBRARY_CATALOGUE,
  practiceCatalogue,
  type MeasureCatalogue,
  type QuestionnaireDefinition,
  type UwriWording,
} from "../../shared/measures";
import { questionnaireApi, type Questionnaire } from "./api";

/**
 * The practice's measures in the app: the library's plus its own questionnaires and UWRI wording,
 * built by the same pure code the server uses. Loaded once per page view and shared, so measure
 * names everywhere (plans, check-ins, the timeline) come from one place.
 */
let current: MeasureCatalogue = LIBRARY_CATALOGUE;
const listeners = new Set<() => void>();

export function currentCatalogue(): MeasureCatalogue {
  return current;
}

export function catalogueOf(questionnaires: readonly Questionnaire[]): MeasureCatalogue {
  const versions = <D>(q: Questionnaire) => q.versions.map((v) => ({ number: v.number, definition: v.definition as D }));
  return practiceCatalogue({
    questionnaires: questionnaires
      .filter((q) => q.basedOn === null)
      .map((q) => ({
        id: q.id,
        title: (q.versions[0]?.definition as QuestionnaireDefinition | undefined)?.title ?? "",
        versions: versions(q),
      })),
    uwri: questionnaires.filter((q) => q.basedOn === "uwri").flatMap((q) => versions<UwriWording>(q)),
  });
}

/** Replaces the shared catalogue (after loading or saving questionnaires). */
export function setCatalogue(questionnaires: readonly Questionnaire[]): void {
  current = catalogueOf(questionnaires);
  for (const listener of listeners) listener();
}

/** The load under way, shared by the components that mount together (a timeline's entries). */
let loading: Promise<void> | null = null;

function reload(): void {
  loading ??= questionnaireApi.list().then(
    ({ questionnaires }) => {
      loading = null;
      setCatalogue(questionnaires);
    },
    () => {
      loading = null;
    },
  );
}

/** The practice's catalogue; loads it on mount and re-renders when it changes. */
export function usePracticeCatalogue(): MeasureCatalogue {
  const [catalogue, setLocal] = useState(current);
  useEffect(() => {
    const listener = (): void => setLocal(current);
    listeners.add(listener);
    reload();
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return catalogue;
}
