import type { LocaleCode } from "../shared/dates.js";
import type { Sport } from "../training/activity.js";

/** The language of each locale a client can have ("de" for de-AT). */
type Language = LocaleCode extends `${infer language}-${string}` ? language : never;

/**
 * Each kind of activity as the runner reads it beside its date and distance, in the language of
 * their locale (the date and the distance are written in it too). "other" is the file's own word
 * when it has one, else the word for an activity.
 */
const WORDS: Record<Language, Record<Exclude<Sport, "other"> | "activity", string>> = {
  en: {
    running: "Run",
    trail_running: "Trail run",
    treadmill_running: "Treadmill run",
    track_running: "Track run",
    cycling: "Ride",
    walking: "Walk",
    hiking: "Hike",
    swimming: "Swim",
    activity: "Activity",
  },
  de: {
    running: "Lauf",
    trail_running: "Traillauf",
    treadmill_running: "Laufbandlauf",
    track_running: "Bahnlauf",
    cycling: "Radfahrt",
    walking: "Spaziergang",
    hiking: "Wanderung",
    swimming: "Schwimmen",
    activity: "Aktivität",
  },
  fr: {
    running: "Course",
    trail_running: "Trail",
    treadmill_running: "Course sur tapis",
    track_running: "Course sur piste",
    cycling: "Sortie à vélo",
    walking: "Marche",
    hiking: "Randonnée",
    swimming: "Natation",
    activity: "Activité",
  },
  nl: {
    running: "Hardlopen",
    trail_running: "Trailrun",
    treadmill_running: "Loopband",
    track_running: "Baanlopen",
    cycling: "Fietsrit",
    walking: "Wandeling",
    hiking: "Trektocht",
    swimming: "Zwemmen",
    activity: "Activiteit",
  },
  es: {
    running: "Carrera",
    trail_running: "Carrera de montaña",
    treadmill_running: "Carrera en cinta",
    track_running: "Carrera en pista",
    cycling: "Salida en bici",
    walking: "Caminata",
    hiking: "Senderismo",
    swimming: "Natación",
    activity: "Actividad",
  },
  it: {
    running: "Corsa",
    trail_running: "Trail",
    treadmill_running: "Corsa sul tapis roulant",
    track_running: "Corsa in pista",
    cycling: "Uscita in bici",
    walking: "Camminata",
    hiking: "Escursione",
    swimming: "Nuoto",
    activity: "Attività",
  },
  sv: {
    running: "Löppass",
    trail_running: "Terränglöpning",
    treadmill_running: "Löpband",
    track_running: "Banlöpning",
    cycling: "Cykeltur",
    walking: "Promenad",
    hiking: "Vandring",
    swimming: "Simpass",
    activity: "Aktivitet",
  },
  da: {
    running: "Løbetur",
    trail_running: "Trailløb",
    treadmill_running: "Løbebånd",
    track_running: "Baneløb",
    cycling: "Cykeltur",
    walking: "Gåtur",
    hiking: "Vandretur",
    swimming: "Svømning",
    activity: "Aktivitet",
  },
  nb: {
    running: "Løpetur",
    trail_running: "Terrengløp",
    treadmill_running: "Tredemølle",
    track_running: "Baneløp",
    cycling: "Sykkeltur",
    walking: "Gåtur",
    hiking: "Fottur",
    swimming: "Svømming",
    activity: "Aktivitet",
  },
};

function wordsFor(locale: string): (typeof WORDS)[Language] {
  const language = locale.split("-")[0]?.toLowerCase() ?? "";
  return Object.hasOwn(WORDS, language) ? WORDS[language as Language] : WORDS.en;
}

/**
 * "Run" (en), "Lauf" (de), "Course" (fr): the activity's kind in the locale's language, English
 * for a language without words here. An unknown sport is named by the file's own label, else as
 * an activity.
 */
export function sportWord(sport: string, fileLabel: string | null, locale: string): string {
  const words = wordsFor(locale);
  if (sport !== "activity" && Object.hasOwn(words, sport)) return words[sport as keyof typeof words];
  return fileLabel ?? words.activity;
}
