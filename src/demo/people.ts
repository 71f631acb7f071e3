import type { z } from "zod";
import type { createClientRequest } from "../clients/schema.js";
import type { Random } from "./random.js";
import type { TrainingStyle } from "./training.js";

const FIRST_NAMES = [
  "Amara",
  "Ben",
  "Chloé",
  "Dev",
  "Elena",
  "Finn",
  "Grace",
  "Hamid",
  "Isla",
  "Jonas",
  "Kemi",
  "Liam",
  "Mei",
  "Noah",
  "Olivia",
  "Pablo",
  "Quinn",
  "Rosa",
  "Sami",
  "Tess",
  "Umar",
  "Vera",
  "Will",
  "Ximena",
  "Yusuf",
  "Zoë",
  "Aoife",
  "Bruno",
  "Carmen",
  "Dmitri",
] as const;
const LAST_NAMES = [
  "Okafor",
  "Hartley",
  "Moreau",
  "Patel",
  "Rossi",
  "Gallagher",
  "Nakamura",
  "Haddad",
  "Lindqvist",
  "Becker",
  "Adeyemi",
  "Murphy",
  "Chen",
  "Fischer",
  "Walsh",
  "Herrera",
  "Dubois",
  "Santos",
  "Kowalski",
  "Byrne",
  "Rahman",
  "Novak",
  "Turner",
  "Ortega",
  "Aydin",
  "Brennan",
  "Kelly",
  "Costa",
  "Vidal",
  "Ivanov",
] as const;

interface Archetype {
  label: string;
  style: TrainingStyle;
  yearsRunning: [number, number];
  weeklyKm: [number, number];
  goals: { name: string; distanceKm: number }[];
  injuries: { description: string; region: string }[];
}

const ARCHETYPES: Archetype[] = [
  {
    label: "marathon build",
    style: "marathon_build",
    yearsRunning: [2, 8],
    weeklyKm: [45, 75],
    goals: [
      { name: "Dublin Marathon", distanceKm: 42.2 },
      { name: "Berlin Marathon", distanceKm: 42.2 },
      { name: "London Marathon", distanceKm: 42.2 },
    ],
    injuries: [
      { description: "Achilles tendinopathy", region: "Achilles tendon" },
      { description: "Patellofemoral pain", region: "Knee" },
      { description: "Tight hip flexor that rolling never changed", region: "Iliopsoas" },
    ],
  },
  {
    label: "trail and mountain",
    style: "trail",
    yearsRunning: [3, 15],
    weeklyKm: [40, 90],
    goals: [
      { name: "Lakeland 50", distanceKm: 80 },
      { name: "Mountain trail 30K", distanceKm: 30 },
      { name: "Skyrace 21K", distanceKm: 21 },
    ],
    injuries: [
      { description: "Lateral ankle sprain", region: "Ankle" },
      { description: "IT band syndrome after a long descent", region: "IT band" },
      { description: "Quad soreness lasting days after downhill races", region: "Quadriceps" },
    ],
  },
  {
    label: "track and speed",
    style: "track",
    yearsRunning: [4, 12],
    weeklyKm: [35, 60],
    goals: [
      { name: "Club 5K championship", distanceKm: 5 },
      { name: "10K road race", distanceKm: 10 },
    ],
    injuries: [
      { description: "Hamstring strain during a fast mile", region: "Hamstrings" },
      { description: "Shin splints", region: "Tibialis anterior" },
    ],
  },
  {
    label: "returning runner",
    style: "returning",
    yearsRunning: [0, 2],
    weeklyKm: [10, 30],
    goals: [
      { name: "Parkrun under 30 minutes", distanceKm: 5 },
      { name: "First half marathon", distanceKm: 21.1 },
    ],
    injuries: [
      { description: "Plantar fasciitis", region: "Plantar fascia" },
      { description: "Low back stiffness", region: "Lumbar paraspinals" },
    ],
  },
];

const SELF_CARE_DETAILS = {
  rolling: ["Foam roller on quads and ITB", "Lacrosse ball on glutes"],
  stretching: ["Kneeling hip-flexor stretch", "Couch stretch after runs"],
  percussion: ["Percussion gun on quads, 2 min a side", "Massage gun before runs"],
  other: ["Ice bath after long runs", "Yoga once a week"],
} as const;

/** A believable client of the demo practice, from one of a few running backgrounds. */
export function demoClient(
  random: Random,
  index: number,
  today: Date,
): { input: z.input<typeof createClientRequest>; style: TrainingStyle } {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length] ?? "Alex";
  const lastName = LAST_NAMES[(index * 7) % LAST_NAMES.length] ?? "Smith";
  const archetype = random.pick(ARCHETYPES);
  const goal = random.pick(archetype.goals);
  const goalDate = new Date(today.getTime() + random.int(30, 200) * 86_400_000).toISOString().slice(0, 10);
  const injury = random.pick(archetype.injuries);
  const methods = (["rolling", "stretching", "percussion", "other"] as const).filter(() => random.chance(0.45));
  const input: z.input<typeof createClientRequest> = {
    firstName,
    lastName,
    email: `${ascii(firstName)}.${ascii(lastName)}@example.com`,
    phone: `+44 7700 9${String(random.int(10000, 99999))}`,
    dateOfBirth: `${random.int(1965, 2003)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    notes: `Runner (${archetype.label}).`,
    running: {
      yearsRunning: random.int(archetype.yearsRunning[0], archetype.yearsRunning[1]),
      weeklyKm: random.int(archetype.weeklyKm[0], archetype.weeklyKm[1]),
      goalEvent: random.chance(0.8) ? { name: goal.name, date: goalDate, distanceKm: goal.distanceKm } : null,
    },
    injuries: random.chance(0.75)
      ? [
          {
            description: injury.description,
            region: injury.region,
            side: random.pick(["left", "right", "both"] as const),
            occurredOn: String(random.int(2016, 2026)),
            resolved: random.chance(0.6),
          },
        ]
      : [],
    selfCare: methods.map((method) => ({
      method,
      detail: random.pick(SELF_CARE_DETAILS[method]),
      effect: random.pick(["helped", "no_change", "no_change", "worse", "unsure"] as const),
    })),
  };
  return { input, style: archetype.style };
}

function ascii(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
