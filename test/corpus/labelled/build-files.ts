/**
 * HAND-BUILT training files for the labelled set, made from real GPS traces.
 *
 * The real files available to us hold few genuine interval sessions and no hill-repeat session,
 * so these sessions are built: the positions (and, where said, the altitude) come from real
 * recordings in the corpus directory (see SOURCES.md); the pace, heart rate, cadence, laps and
 * designed altitude profiles are written here, one session per entry, each with what it is.
 * Nothing here is a real workout, and every name starts with "built:" in labels.json.
 *
 *   node bin/run-ts.mjs test/corpus/labelled/build-files.ts <corpus dir> <out dir>
 * writes them as .fit (and .gpx) files; the labelled run builds them in memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Encoder, type Encodable, type LapMesg, type Mesg, type RecordMesg, type SessionMesg } from "@garmin/fitsdk";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
import { haversineM } from "../../../src/training/analysis/track.js";
import { fitSeconds, semicircles } from "../../support/training/fit-fixtures.js";
import { seededRandom } from "../../support/training/test-streams.js";

/** A real trace: positions with cumulative distance and altitude. */
interface Trace {
  readonly lat: number[];
  readonly lon: number[];
  readonly alt: number[];
  readonly dist: number[];
}

function loadTrace(corpusDir: string, path: string, fromM = 0, toM = Infinity): Trace {
  const { activity } = parseTrainingFile(new Uint8Array(readFileSync(join(corpusDir, path))));
  const s = activity.samples;
  const trace: Trace = { lat: [], lon: [], alt: [], dist: [] };
  let total = 0;
  let base = Number.NaN;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  for (let i = 0; i < s.count; i++) {
    const la = s.lat?.[i] ?? Number.NaN;
    const lo = s.lon?.[i] ?? Number.NaN;
    if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
    if (Number.isFinite(lastLat)) total += haversineM(lastLat, lastLon, la, lo);
    lastLat = la;
    lastLon = lo;
    if (total < fromM) continue;
    if (total > toM) break;
    if (Number.isNaN(base)) base = total;
    trace.lat.push(la);
    trace.lon.push(lo);
    trace.alt.push(s.altitude?.[i] ?? Number.NaN);
    trace.dist.push(total - base);
  }
  if (trace.lat.length < 10) throw new Error(`${path}: too few positions for a trace`);
  return trace;
}

/** Position and altitude at a distance along the trace, going back and forth when past its end. */
function along(trace: Trace, d: number): { lat: number; lon: number; alt: number } {
  const length = trace.dist[trace.dist.length - 1] ?? 0;
  const period = 2 * length;
  let x = ((d % period) + period) % period;
  if (x > length) x = period - x;
  let lo = 0;
  let hi = trace.dist.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((trace.dist[mid] ?? 0) <= x) lo = mid;
    else hi = mid;
  }
  const d0 = trace.dist[lo] ?? 0;
  const d1 = trace.dist[hi] ?? d0;
  const f = d1 > d0 ? (x - d0) / (d1 - d0) : 0;
  const mix = (a: number[]): number => (a[lo] ?? 0) + ((a[hi] ?? 0) - (a[lo] ?? 0)) * f;
  return { lat: mix(trace.lat), lon: mix(trace.lon), alt: mix(trace.alt) };
}

/** One phase of a session. `speed` in m/s; a phase ends after `s` seconds or `m` metres. */
interface Phase {
  readonly speed: number;
  readonly s?: number;
  readonly m?: number;
  /** stand = not moving; walk / run set cadence; hard sets heart rate up. */
  readonly kind: "stand" | "walk" | "run";
  /** Effort 0 (rest) … 1 (all out): sets the heart-rate target. */
  readonly effort: number;
  /** Starts a new device lap. */
  readonly lap?: { trigger: "manual" | "distance" | "time"; intensity?: "active" | "rest" | "warmup" | "cooldown" };
  /** Altitude change over the phase, when the altitude is designed instead of taken from the trace. */
  readonly climbM?: number;
  /** Walk this phase backwards along the trace (back down a hill repeat). */
  readonly back?: boolean;
}

interface Design {
  readonly name: string;
  readonly trace: Trace;
  readonly phases: readonly Phase[];
  readonly seed: number;
  /** Altitude: "trace" (the real one, with barometric-like smoothness), "designed" (from climbM), or none. */
  readonly altitude: "trace" | "designed" | "none";
  /** Write ±this many metres of wandering GPS-like noise on altitude. */
  readonly altitudeNoiseM?: number;
  /** Wandering position noise, m (GPS error); distance then comes from the noisy positions, as a phone's would. */
  readonly gpsNoiseM?: number;
  readonly heartRate: boolean;
  readonly cadence: boolean;
  /** Metres along the trace where the session starts. */
  readonly startAtM?: number;
  readonly format?: "fit" | "gpx";
  /** Sport tag: FIT sport or GPX <type>; null writes none. */
  readonly sport?: "running" | "cycling" | null;
}

interface Sample {
  t: number;
  lat: number;
  lon: number;
  alt: number | null;
  dist: number;
  speed: number;
  hr: number | null;
  cad: number | null;
}

const START = Date.UTC(2025, 3, 6, 7, 30, 0);

function simulate(design: Design): { samples: Sample[]; laps: { start: number; end: number; trigger: string; intensity?: string }[] } {
  const random = seededRandom(design.seed);
  const samples: Sample[] = [];
  const laps: { start: number; end: number; trigger: string; intensity?: string }[] = [];
  let pathM = design.startAtM ?? 0;
  let travelled = 0;
  let designedAlt = 200;
  let hr = 85;
  let t = 0;
  let noiseN = 0;
  let noiseE = 0;
  let altNoise = 0;
  for (const phase of design.phases) {
    if (phase.lap || laps.length === 0) {
      if (laps.length > 0) (laps[laps.length - 1] as { end: number }).end = t;
      laps.push({
        start: t,
        end: t,
        trigger: phase.lap?.trigger ?? "manual",
        ...(phase.lap?.intensity ? { intensity: phase.lap.intensity } : {}),
      });
    }
    const startT = t;
    const startM = travelled;
    const phaseLength = phase.m ?? (phase.s ?? 0) * phase.speed;
    const phaseSeconds = phase.s ?? (phase.m ?? 0) / Math.max(phase.speed, 0.1);
    for (;;) {
      const done = phase.kind === "stand" ? t - startT >= phaseSeconds : travelled - startM >= phaseLength - 1e-6;
      if (done && t > startT) break;
      const jitter = phase.kind === "stand" ? 0 : phase.speed * 0.03 * (random() * 2 - 1);
      const v = phase.kind === "stand" ? 0 : Math.max(0.3, phase.speed + jitter);
      const step = phase.kind === "stand" ? 0 : Math.min(v, phaseLength - (travelled - startM) + 1e-6);
      travelled += step;
      pathM += phase.back ? -step : step;
      if (phase.climbM !== undefined && phaseLength > 0) designedAlt += (phase.climbM * step) / phaseLength;
      const target = 85 + 100 * phase.effort;
      hr += (target - hr) * (target > hr ? 1 / 25 : 1 / 40) + (random() * 2 - 1) * 0.8;
      const cadence =
        phase.kind === "stand" ? 0 : phase.kind === "walk" ? 112 + random() * 6 : 150 + 9 * Math.max(0, v - 2.2) + random() * 3;
      const here = along(design.trace, pathM);
      const noise = design.gpsNoiseM ?? 0;
      if (noise > 0) {
        // AR(1) wander with a standard deviation of about `noise` metres: GPS error drifts, it does not jump each second.
        noiseN = noiseN * 0.995 + (random() * 2 - 1) * noise * 0.173;
        noiseE = noiseE * 0.995 + (random() * 2 - 1) * noise * 0.173;
      }
      const an = design.altitudeNoiseM ?? 0;
      if (an > 0) altNoise = Math.max(-an, Math.min(an, altNoise * 0.995 + (random() * 2 - 1) * an * 0.08));
      const alt = design.altitude === "none" ? null : (design.altitude === "trace" ? here.alt : designedAlt) + altNoise;
      samples.push({
        t,
        lat: here.lat + noiseN / 111_195,
        lon: here.lon + noiseE / (111_195 * Math.cos((here.lat * Math.PI) / 180)),
        alt,
        dist: travelled,
        speed: v,
        hr: design.heartRate ? Math.round(hr) : null,
        cad: design.cadence ? Math.round(cadence) : null,
      });
      t += 1;
    }
  }
  if (laps.length > 0) (laps[laps.length - 1] as { end: number }).end = t - 1;
  return { samples, laps };
}

function write<T extends Mesg>(encoder: Encoder, mesg: Encodable<T>): void {
  encoder.writeMesg(mesg);
}

function toFit(design: Design): Uint8Array {
  const { samples, laps } = simulate(design);
  const at = (s: number): Date => new Date(START + s * 1000);
  const encoder = new Encoder();
  const sport = design.sport === undefined ? "running" : design.sport;
  write(encoder, {
    mesgNum: 0,
    type: "activity",
    manufacturer: "development",
    product: 1,
    serialNumber: 1,
    timeCreated: at(0),
  } as Encodable<Mesg>);
  if (sport !== null) write(encoder, { mesgNum: 12, sport } as Encodable<Mesg>);
  const noisy = (design.gpsNoiseM ?? 0) > 0;
  for (const s of samples) {
    write<RecordMesg>(encoder, {
      mesgNum: 20,
      timestamp: at(s.t),
      positionLat: semicircles(s.lat),
      positionLong: semicircles(s.lon),
      // A phone-like recording with GPS noise has no device distance: distance comes from positions.
      ...(noisy ? {} : { distance: s.dist, enhancedSpeed: s.speed }),
      ...(s.alt !== null ? { enhancedAltitude: s.alt } : {}),
      ...(s.hr !== null ? { heartRate: s.hr } : {}),
      ...(s.cad !== null ? { cadence: Math.round(s.cad / 2) } : {}),
    });
  }
  const last = samples[samples.length - 1];
  const distAt = (t: number): number => samples[Math.min(samples.length - 1, t)]?.dist ?? 0;
  for (const lap of laps) {
    write<LapMesg>(encoder, {
      mesgNum: 19,
      timestamp: at(lap.end),
      startTime: at(lap.start),
      totalElapsedTime: lap.end - lap.start,
      totalTimerTime: lap.end - lap.start,
      totalDistance: distAt(lap.end) - distAt(lap.start),
      lapTrigger: lap.trigger,
      ...(lap.intensity ? { intensity: lap.intensity } : {}),
      ...(sport !== null ? { sport } : {}),
    } as Encodable<LapMesg>);
  }
  write<SessionMesg>(encoder, {
    mesgNum: 18,
    timestamp: at(last?.t ?? 0),
    startTime: at(0),
    totalElapsedTime: last?.t ?? 0,
    totalTimerTime: last?.t ?? 0,
    totalDistance: last?.dist ?? 0,
    numLaps: laps.length,
    ...(sport !== null ? { sport } : {}),
  });
  write(encoder, {
    mesgNum: 34,
    timestamp: at(last?.t ?? 0),
    localTimestamp: fitSeconds(at(last?.t ?? 0)),
    numSessions: 1,
    type: "manual",
  } as Encodable<Mesg>);
  return encoder.close();
}

/** Garmin's TrackPointExtension: heart rate and one-foot cadence, as watches export them. */
function tpx(s: Sample): string {
  if (s.hr === null && s.cad === null) return "";
  const hr = s.hr === null ? "" : `<gpxtpx:hr>${s.hr}</gpxtpx:hr>`;
  const cad = s.cad === null ? "" : `<gpxtpx:cad>${Math.round(s.cad / 2)}</gpxtpx:cad>`;
  return `<extensions><gpxtpx:TrackPointExtension>${hr}${cad}</gpxtpx:TrackPointExtension></extensions>`;
}

function toGpx(design: Design): Uint8Array {
  const { samples } = simulate(design);
  const type = design.sport === undefined || design.sport === null ? "" : `<type>${design.sport}</type>`;
  const points = samples
    .map(
      (s) =>
        `<trkpt lat="${s.lat.toFixed(7)}" lon="${s.lon.toFixed(7)}">${s.alt === null ? "" : `<ele>${s.alt.toFixed(1)}</ele>`}<time>${new Date(START + s.t * 1000).toISOString()}</time>${tpx(s)}</trkpt>`,
    )
    .join("\n");
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="palpable labelled-set builder" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n<trk><name>${design.name}</name>${type}<trkseg>\n${points}\n</trkseg></trk></gpx>\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// The sessions
// ---------------------------------------------------------------------------------------------

const easy = (s: number, speed = 2.9, lap?: Phase["lap"]): Phase => ({ speed, s, kind: "run", effort: 0.5, ...(lap ? { lap } : {}) });
const hard = (m: number, speed: number, lap?: Phase["lap"]): Phase => ({ speed, m, kind: "run", effort: 0.9, ...(lap ? { lap } : {}) });
const stand = (s: number, lap?: Phase["lap"]): Phase => ({ speed: 0, s, kind: "stand", effort: 0.1, ...(lap ? { lap } : {}) });
const walk = (s: number, lap?: Phase["lap"]): Phase => ({ speed: 1.4, s, kind: "walk", effort: 0.3, ...(lap ? { lap } : {}) });
const repeat = (n: number, ...phases: Phase[]): Phase[] => Array.from({ length: n }, () => phases).flat();
const manual = { trigger: "manual" } as const;

/** Every hand-built session: name → how to build it. */
export function builtDesigns(corpusDir: string): Design[] {
  const ultra = loadTrace(corpusDir, "fit-benchmarks/large.fit", 0, 30_000);
  const ultraLate = loadTrace(corpusDir, "fit-benchmarks/large.fit", 40_000, 80_000);
  const fenix = loadTrace(corpusDir, "python-fitparse/tests/files/activity-small-fenix2-run.fit");
  const morning = loadTrace(corpusDir, "tormoder-fit/testdata/misc/mornindew-broken.fit");
  const lake = loadTrace(corpusDir, "gpxpy/test_files/cerknicko-jezero.gpx");
  const ride = loadTrace(corpusDir, "python-fitparse/tests/files/nick.fit");
  const hill = (trace: Trace, from: number, lengthM: number): Trace => {
    const start = trace.dist.findIndex((d) => d >= from);
    const end = trace.dist.findIndex((d) => d >= from + lengthM);
    const cut = (a: number[]): number[] => a.slice(start, end + 1);
    const base = trace.dist[start] ?? 0;
    return { lat: cut(trace.lat), lon: cut(trace.lon), alt: cut(trace.alt), dist: cut(trace.dist).map((d) => d - base) };
  };
  const both = { heartRate: true, cadence: true } as const;

  const hillSession = (
    name: string,
    trace: Trace,
    reps: number,
    lengthM: number,
    gainM: number,
    seed: number,
    extra: Partial<Design> = {},
  ): Design => ({
    name,
    trace: hill(trace, 500, lengthM),
    seed,
    altitude: "designed",
    ...both,
    phases: [
      // warm-up jog back and forth on the flat part of the same street, then the repeats
      // (a whole number of there-and-backs, so the first climb starts at the foot)
      { speed: 2.8, m: 2 * lengthM * Math.ceil(1700 / (2 * lengthM)), kind: "run", effort: 0.5, climbM: 0 },
      ...repeat(
        reps,
        { speed: 2.9, m: lengthM, kind: "run", effort: 0.95, climbM: gainM, back: false },
        { speed: 2.4, m: lengthM, kind: "run", effort: 0.55, climbM: -gainM, back: true },
      ),
      { speed: 2.8, s: 400, kind: "run", effort: 0.5, climbM: 0 },
    ],
    ...extra,
  });

  return [
    // ---- intervals -------------------------------------------------------------------------
    {
      name: "intervals-6x800-jog",
      trace: ultra,
      seed: 1,
      altitude: "trace",
      ...both,
      phases: [easy(900), ...repeat(6, hard(800, 4.4), easy(120, 2.6)), easy(600)],
    },
    {
      name: "intervals-5x200s-standing",
      trace: lake,
      seed: 2,
      altitude: "trace",
      ...both,
      phases: [easy(720, 2.8), ...repeat(5, { speed: 4.0, s: 200, kind: "run", effort: 0.9 }, stand(60)), easy(480, 2.7)],
    },
    {
      name: "intervals-3x1200-standing-4min",
      trace: morning,
      seed: 3,
      altitude: "trace",
      heartRate: true,
      cadence: false,
      phases: [easy(900, 2.9), ...repeat(3, hard(1200, 4.3), stand(240)), easy(600, 2.8)],
    },
    {
      name: "intervals-4x1km-manual-laps",
      trace: ultraLate,
      seed: 4,
      altitude: "trace",
      ...both,
      phases: [
        easy(600, 2.9, manual),
        ...repeat(4, hard(1000, 4.2, manual), { speed: 2.5, m: 1000, kind: "run", effort: 0.5, lap: manual }),
        easy(300, 2.8, manual),
      ],
    },
    {
      name: "intervals-8x400-workout-steps",
      trace: fenix,
      seed: 5,
      altitude: "trace",
      ...both,
      phases: [
        easy(600, 2.9, { trigger: "manual", intensity: "warmup" }),
        ...repeat(8, hard(400, 4.8, { trigger: "distance", intensity: "active" }), {
          speed: 2.3,
          s: 90,
          kind: "run",
          effort: 0.5,
          lap: { trigger: "time", intensity: "rest" },
        }),
        easy(600, 2.8, { trigger: "manual", intensity: "cooldown" }),
      ],
    },
    {
      name: "intervals-3x3km-tempo-reps-96min",
      trace: ultra,
      seed: 6,
      startAtM: 5000,
      altitude: "trace",
      ...both,
      phases: [easy(1500, 2.8), ...repeat(3, hard(3000, 3.7), easy(180, 2.6)), easy(2000, 2.8)],
    },
    {
      name: "intervals-10x1min-hr-only-gps",
      trace: lake,
      seed: 7,
      altitude: "trace",
      gpsNoiseM: 3,
      heartRate: true,
      cadence: false,
      format: "gpx",
      phases: [
        easy(900, 2.8),
        ...repeat(10, { speed: 4.3, s: 60, kind: "run", effort: 0.9 }, { speed: 2.4, s: 60, kind: "run", effort: 0.5 }),
        easy(600, 2.7),
      ],
    },
    {
      name: "intervals-12x400-walk-recoveries",
      trace: morning,
      seed: 8,
      altitude: "trace",
      ...both,
      phases: [easy(900, 2.9), ...repeat(12, hard(400, 4.6), walk(90)), easy(300, 2.8)],
    },
    {
      name: "intervals-ladder",
      trace: ultraLate,
      seed: 9,
      altitude: "trace",
      ...both,
      phases: [
        easy(900, 2.9),
        ...[200, 400, 800, 1200, 800, 400, 200].flatMap((m) => [hard(m, m <= 400 ? 4.8 : 4.3), easy(120, 2.5)]),
        easy(600, 2.8),
      ],
    },
    {
      name: "intervals-4x5min-hilly-route",
      trace: fenix,
      seed: 10,
      altitude: "trace",
      ...both,
      phases: [easy(900, 2.9), ...repeat(4, { speed: 3.9, s: 300, kind: "run", effort: 0.85 }, easy(120, 2.5)), easy(600, 2.8)],
    },
    // ---- hill repeats ------------------------------------------------------------------------
    hillSession("hills-6x400m-8pct", ultra, 6, 400, 32, 11),
    hillSession("hills-8x200m-10pct", ultraLate, 8, 200, 20, 12),
    hillSession("hills-5x800m-5pct", fenix, 5, 800, 40, 13),
    hillSession("hills-3x1km-6pct", morning, 3, 1000, 60, 14),
    hillSession("hills-4x300m-12pct-gps-altitude", lake, 4, 300, 36, 15, {
      altitudeNoiseM: 4,
      format: "gpx",
      heartRate: false,
      cadence: false,
    }),
    hillSession("hills-10x150m-9pct", ultra, 10, 150, 14, 16),
    // ---- hard continuous -----------------------------------------------------------------------
    {
      name: "tempo-two-blocks-hr177",
      trace: ultraLate,
      seed: 17,
      altitude: "trace",
      ...both,
      phases: [
        easy(900, 2.8),
        { speed: 3.7, s: 1200, kind: "run", effort: 0.92 },
        easy(180, 2.7),
        { speed: 3.8, s: 900, kind: "run", effort: 0.95 },
        easy(600, 2.7),
      ],
    },
    // ---- what must stay easy -------------------------------------------------------------------
    {
      name: "easy-city-gps-noise-traffic-stops",
      trace: lake,
      seed: 18,
      altitude: "trace",
      gpsNoiseM: 9,
      ...both,
      format: "gpx",
      phases: [
        easy(500, 2.9),
        stand(40),
        easy(700, 2.9),
        stand(25),
        easy(400, 2.9),
        stand(60),
        easy(900, 2.9),
        stand(30),
        easy(600, 2.9),
        stand(45),
        easy(500, 2.9),
      ],
    },
    {
      name: "easy-run-walk-4-1",
      trace: morning,
      seed: 19,
      altitude: "trace",
      ...both,
      phases: repeat(8, easy(240, 2.7), walk(60)),
    },
    {
      name: "easy-run-walk-no-cadence",
      trace: fenix,
      seed: 20,
      altitude: "trace",
      heartRate: false,
      cadence: false,
      phases: repeat(7, easy(300, 2.6), walk(90)),
    },
    {
      name: "easy-steady-gps-altitude-wobble",
      trace: lake,
      seed: 21,
      altitude: "designed",
      altitudeNoiseM: 18,
      heartRate: true,
      cadence: true,
      format: "gpx",
      phases: [{ speed: 2.9, s: 3000, kind: "run", effort: 0.5, climbM: 0 }],
    },
    {
      name: "easy-track-mode-gps-swings",
      trace: hill(ultra, 1000, 200),
      seed: 22,
      altitude: "none",
      gpsNoiseM: 10,
      ...both,
      format: "gpx",
      phases: [{ speed: 3.0, s: 3000, kind: "run", effort: 0.55 }],
    },
    // ---- not runs, no sport tag ------------------------------------------------------------------
    {
      name: "ride-gpx-no-type",
      trace: ride,
      seed: 23,
      altitude: "trace",
      heartRate: false,
      cadence: false,
      format: "gpx",
      sport: null,
      phases: [{ speed: 6.8, s: 3600, kind: "run", effort: 0.6 }],
    },
    {
      name: "ride-fit-no-sport",
      trace: ride,
      seed: 24,
      startAtM: 30_000,
      altitude: "trace",
      heartRate: true,
      cadence: false,
      sport: null,
      phases: [{ speed: 7.5, s: 2700, kind: "run", effort: 0.6 }],
    },
  ];
}

export function buildFile(design: Design): { name: string; bytes: Uint8Array; ext: "fit" | "gpx" } {
  return design.format === "gpx"
    ? { name: design.name, bytes: toGpx(design), ext: "gpx" }
    : { name: design.name, bytes: toFit(design), ext: "fit" };
}

if (process.argv[1]?.endsWith("build-files.ts")) {
  const [corpusDir, outDir] = process.argv.slice(2);
  if (!corpusDir || !outDir) {
    console.error("usage: build-files.ts <corpus dir> <out dir>");
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  for (const design of builtDesigns(corpusDir)) {
    const file = buildFile(design);
    writeFileSync(join(outDir, `${file.name}.${file.ext}`), file.bytes);
    console.log(`${file.name}.${file.ext} ${file.bytes.length} bytes`);
  }
}
