/**
 * Every number the training analysis decides with, in one place, each with the reason for its
 * value. Tests sit just above and just below each decision threshold (see the *.test.ts files), so
 * changing one here shows at once which behaviour moves.
 *
 * Sources named below: GoldenCheetah and Runalyze (open-source training software) for elevation
 * hysteresis; Daniels, "Daniels' Running Formula" for the long-run share of the week; Eston,
 * Mickleborough & Baltzopoulos 1995 (Br J Sports Med 29:89–94) and Bontemps et al. 2020 (Sports Med
 * 50:2083–2110) for downhill running as eccentric quadriceps load; Williams et al. 2017 (Br J Sports
 * Med 51:209–210) for the exponentially weighted ACWR; Lolli et al. 2019 (Br J Sports Med
 * 53:921–922) for the coupling problem of the rolling-average ACWR; Impellizzeri et al. 2020 (Int J
 * Sports Physiol Perform 15:907–913) for what ACWR cannot tell.
 */

// ---------------------------------------------------------------------------------------------
// Time, moving time and distance
// ---------------------------------------------------------------------------------------------

/**
 * A forward step in the clock longer than this is a clock jump (GPS time sync, a device reset to
 * its default epoch), not a pause: nobody stops a single run for six hours with the watch
 * recording, and such a step would otherwise swallow the elapsed time. It counts as no time.
 */
export const CLOCK_JUMP_S = 6 * 3600;

/**
 * Stopped means not getting anywhere, not moving slowly (analysis/moving.ts). A step is stopped
 * when the distance gained over the ~30 s around it is under 0.3 m/s (1.1 km/h, 55:33 min/km), or
 * when the step itself is standing (under 0.15 m/s). A steep power-hike or a vertical-kilometre
 * climb covers 0.4–1 m/s of horizontal ground, and its speed reading swings well below that from
 * step to step, so a single-step threshold (the 0.5 m/s used before) counted much of a mountain
 * run's hiking as stopped; over 30 s the hike's ground adds up while a stop's does not. 30 s is
 * long enough to average out a speed reading's swings and GPS jitter of a few metres, and short
 * enough that a stop at a crossing (rarely under 20 s) still shows.
 */
export const STOPPED_WINDOW_S = 30;
export const STOPPED_BELOW_MS = 0.3;
export const STANDING_STEP_BELOW_MS = 0.15;

/**
 * Gap rule. A step longer than this ends a stretch of recording: the stopped window does not
 * reach across it, and over the gap itself the speed at its end says nothing (after an
 * auto-pause the first sample already shows running speed), so only the distance gained over the
 * gap counts: a gap > 10 s with (almost) no distance gained is a pause. 10 s is longer than
 * "smart recording" intervals while running (1–7 s) and shorter than any real stop.
 */
export const PAUSE_GAP_S = 10;

// ---------------------------------------------------------------------------------------------
// Elevation
// ---------------------------------------------------------------------------------------------

/**
 * Altitude is first smoothed with a running median over ±5 s, then a running mean over ±5 s.
 * The median removes single-sample spikes without flattening slopes (on a monotone climb it
 * returns the centre sample unchanged); the mean then takes the remaining white GPS jitter down
 * so that ±2 m of noise on a flat run no longer crosses the 3 m hysteresis (a median alone still
 * let through 3–6 m per 10 km in our tests). Together they round a sharp 12 m hilltop by ~1.5 m.
 */
export const ALTITUDE_MEDIAN_HALF_WINDOW_S = 5;
export const ALTITUDE_MEAN_HALF_WINDOW_S = 5;

/**
 * Hysteresis for gain and loss: a change of direction counts only once the altitude has moved
 * more than 3 m from the last turning point. GoldenCheetah's and Runalyze's default; it keeps
 * barometric jitter out of the totals while keeping every real bump of a rolling course.
 */
export const ELEVATION_HYSTERESIS_M = 3;

/** A climb starts and ends where the altitude is within at least 1 m of its foot or top: trims flat approaches. */
export const LEG_TRIM_M = 1;
/**
 * A climb's grade is measured on its core, without the first and last 10% of its height: that is
 * where leftover noise on the flat approach and the rounding of a sharp turn-around sit. Its
 * length is then its height over that grade.
 */
export const CLIMB_CORE_TRIM_SHARE = 0.1;

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

/**
 * Best pace is the fastest 1 km by distance window, timed in moving time as the average pace is:
 * a stop inside the window does not count against it, so the best km is never slower than the
 * moving pace of the whole kilometres it is one of.
 */
export const BEST_PACE_WINDOW_M = 1000;
/** Runs shorter than 1 km get the fastest 400 m instead (one lap of a track); shorter than that: none. */
export const BEST_PACE_SHORT_WINDOW_M = 400;

/** Chart stream: one point per 5 s is finer than any chart shows, and at most 5,000 points (7 h at 5 s). */
export const CHART_STEP_S = 5;
export const CHART_MAX_POINTS = 5000;

// ---------------------------------------------------------------------------------------------
// Hill repeats
// ---------------------------------------------------------------------------------------------

/** At least 3 similar climbs: two could be an out-and-back over one hill. */
export const HILL_MIN_REPEATS = 3;
/** A climb gains at least 10 m: smaller legs are bumps, and noise can still form 3–5 m legs. */
export const HILL_MIN_CLIMB_GAIN_M = 10;
/** A climb averages at least 3%: flatter is running, not climbing; hill sessions use ~4–10%. */
export const HILL_MIN_CLIMB_GRADE_PCT = 3;
/**
 * "Similar": each climb's gain and length within ±30% of the series' median. Repeats on one hill
 * differ by where the runner turns (±10–20%); a different hill usually differs by more.
 */
export const HILL_SIMILARITY_TOLERANCE = 0.3;
/** Between two climbs the runner goes back down at least 60% of the climb: repeats, not a staircase up a mountain. */
export const HILL_MIN_DESCENT_RETURN = 0.6;
/** From the top of one climb to the foot of the next is at most 3 climb lengths: back to back, not hills of a tour. */
export const HILL_MAX_GAP_CLIMB_LENGTHS = 3;

/**
 * Repeats are ascents of the same stretch, matched by position: each climb's foot and top lie
 * within 60 m (or 35% of the first climb's length, when longer) of the series' first climb's foot
 * and top. GPS error is 5–15 m; a runner turns around near the same spot on each repeat. 35% is
 * a little wider than the similarity tolerance, so similarity decides how alike the climbs are
 * and position only rejects a different stretch (a loop course's hills, GPS-altitude wobble in
 * other places). A file without positions cannot show this and gets no hill-repeat label.
 */
export const HILL_SAME_PLACE_M = 60;
export const HILL_SAME_PLACE_SHARE = 0.35;
/**
 * With GPS altitude (the file says so: GPX from phones and apps), smoothed GPS altitude still wanders by 10–20 m on flat
 * ground (one real file "climbed" 18 m three times on a course a barometric watch recorded as
 * gentle rolling): climbs must gain ≥ 25 m, with a 6 m hysteresis. The downhill label counts a
 * GPS-altitude run's descent with the same 6 m hysteresis.
 */
export const HILL_MIN_CLIMB_GAIN_GPS_M = 25;
export const ELEVATION_HYSTERESIS_GPS_M = 6;

// ---------------------------------------------------------------------------------------------
// Downhill / eccentric-heavy
// ---------------------------------------------------------------------------------------------

/**
 * Descent per km of the whole run. Rolling road courses lose 5–15 m/km; 25 m/km is hilly trail,
 * where the quadriceps brake eccentrically on every descent (Eston et al. 1995; Bontemps et al. 2020).
 */
export const DOWNHILL_LOSS_PER_KM_M = 25;
/** …and at least 150 m in total, so one 60 m drop in a 2 km jog does not count. */
export const DOWNHILL_MIN_LOSS_M = 150;
/**
 * Altitude recorded every 5 s or more ("smart recording", old GPS watches) gets nothing from the
 * ±5 s smoothing, so its wander adds up: a real 2009 run on a flat loop lost 214 m that way, 152 m
 * after a mean over ±2 samples and 117 m over ±5, while a real downhill run kept 429 m of 520.
 * Unless the file says barometric, the downhill label averages such altitude over ±2 samples.
 */
export const DOWNHILL_SPARSE_STEP_S = 5;
export const DOWNHILL_SPARSE_MEAN_SAMPLES = 2;
/**
 * A steep sustained descent alone also makes a run downhill-heavy: at least 1 km averaging 6% or
 * steeper (≥ 60 m of drop in one go). Laboratory muscle-damage protocols use about −10% for 30+
 * min (Eston et al. 1995; Bontemps et al. 2020 review −5% to −20%); 6% over 1 km is the outdoor
 * descent a runner feels in the quads the next day, and below it road camber and gentle
 * descents would dominate.
 */
export const STEEP_DESCENT_MIN_GRADE_PCT = 6;
export const STEEP_DESCENT_MIN_LENGTH_M = 1000;
/**
 * Descents are found on the profile simplified to straight slopes, each within 3 m (vertically)
 * of the smoothed altitude: the same 3 m as the hysteresis, so a slope breaks where the grade
 * really changes (−9% into −4%) and not at leftover noise.
 */
export const DESCENT_PROFILE_TOLERANCE_M = 3;
/**
 * A rise of less than 10 m between two steep slopes does not end a descent (a bump on the way
 * down), provided the joined stretch still averages the steep grade. Larger than the 3 m
 * hysteresis so that a bump the runner hardly notices cannot cut a long descent in two.
 */
export const DESCENT_MERGE_RISE_M = 10;

// ---------------------------------------------------------------------------------------------
// Intervals / speed work
// ---------------------------------------------------------------------------------------------

/** At least 3 fast segments with recoveries between: two could be a surge and a finish. */
export const INTERVAL_MIN_REPS = 3;
/**
 * The reference ("easy") speed is the 30th percentile of the smoothed moving speed, by time:
 * warm-up, cool-down and jog recoveries fill that part of an interval session, while the reps sit
 * above it as long as they are under 70% of the moving time.
 */
export const INTERVAL_REFERENCE_PERCENTILE = 0.3;
/**
 * …taken within ±30 min of each point (per 5-min block), not over the whole run: that covers a
 * whole interval session with its warm-up, yet follows the slowing of a 6-hour run, whose fresh
 * first hour would otherwise be "fast" against its tired end (seen on a real ultra file).
 */
export const INTERVAL_REFERENCE_WINDOW_S = 30 * 60;
export const INTERVAL_REFERENCE_BLOCK_S = 5 * 60;
/**
 * Climbing or descending at 3% or steeper stays out of the reference: a climb is slow because of
 * gravity (on a trail run the power-hiked climbs would otherwise make every runnable flat look
 * "fast"), and a descent, grade-adjusted, is "slow" too (the jog down between hill repeats would
 * make the flat warm-up look like a rep).
 */
export const INTERVAL_REFERENCE_MAX_GRADE_PCT = 3;
/**
 * Samples with a cadence under 140 spm are walking and stay out of the reference: walking runs at
 * ~100–130 spm and running rarely under 150. Without this, the running between the walk breaks of
 * a run/walk reads as intervals against a walking "easy" pace (seen in real files).
 */
export const RUNNING_CADENCE_MIN_SPM = 140;
/**
 * Power-walking in an ultra reaches 140–150 spm at up to 2 m/s (seen in a real 12-hour file whose
 * run/walk read as "6 × 5 min"): under 150 spm and slower than 2.1 m/s is walking too.
 */
export const BRISK_WALK_CADENCE_MAX_SPM = 150;
export const BRISK_WALK_SPEED_MAX_MS = 2.1;
/** A fast segment is ≥ 15% faster than the reference (5:30/km easy → 4:47/km or faster): tempo and faster. */
export const INTERVAL_FAST_MARGIN = 0.15;
/** It ends when speed drops under +7%: hysteresis so one slow second inside a rep does not split it. */
export const INTERVAL_EXIT_MARGIN = 0.07;
/** Speed is smoothed over ±5 s (distance over an 11 s window): removes GPS speed noise, keeps a 30 s rep. */
export const INTERVAL_SPEED_HALF_WINDOW_S = 5;
/** A rep lasts at least 30 s (200 m at 3:00/km is 36 s); shorter bursts are strides. */
export const INTERVAL_MIN_REP_S = 30;
/**
 * A recovery lasts at least 20 s; a shorter dip (a turn, a crossing) joins the reps on both sides.
 * So does a dip of any length that the runner did not slow down for: raw speed above the exit
 * threshold and less than INTERVAL_EXIT_MARGIN below the slower rep's (a slope run at the same
 * pace dips in grade-adjusted speed only; a hand-built 20-min tempo on a hilly trace split so).
 */
export const INTERVAL_MIN_RECOVERY_S = 20;
/**
 * …and at most 5 min, or twice the length of the rep before when that is longer (1 km reps with
 * 1 km jogs at half the speed): reps further apart are surges scattered over a run, not a
 * session. Usual recoveries are 1–4 min.
 */
export const INTERVAL_MAX_RECOVERY_S = 5 * 60;
export const INTERVAL_MAX_RECOVERY_REP_LENGTHS = 2;
/**
 * Reps of one set are within 4× of its median duration either way (a 200–400–800 m ladder spans
 * 4×); a 20-min stretch among 1-min surges is a tempo section, not one of the reps.
 */
export const INTERVAL_REP_DURATION_SPREAD = 4;
/**
 * A rep averaging −2% or steeper is gravity, not speed work: without this the fast descents of
 * a hilly run (and of hill repeats) would read as intervals.
 */
export const INTERVAL_MAX_DOWNHILL_GRADE_PCT = -2;
/**
 * When at least half of the "fast" reps' distance lies on the run's hill-repeat climbs, or half
 * of their time on reps that climb ≥ INTERVAL_REFERENCE_MAX_GRADE_PCT, the reps are terrain (hard up, easy down;
 * run the gentle bits, walk the steep ones), not a second kind of session: no intervals label.
 */
export const INTERVALS_ON_CLIMBS_SHARE = 0.5;
/**
 * Reps not marked by the watch must also be ≥ 8% faster than the whole run's moving pace, reps
 * included: the local reference (30th percentile) can sit under a steady run's ordinary running
 * when stops, climbs or walk breaks fill its slow end (a real Garmin run with three stops read
 * as intervals at +6%), while the real and built sessions of the labelled set run their reps
 * 19–57% faster than the whole run, and 4 × 2 km at 4:00/km with 2-min jogs still 14%.
 */
export const INTERVAL_REPS_FASTER_THAN_RUN = 0.08;

/**
 * Without cadence, moving slower than 1.9 m/s (8:46/km) is taken for walking and stays out of the
 * reference too: almost nobody runs that slowly, and walking breaks would otherwise make the
 * running between them "fast" (run/walk is not intervals).
 */
export const WALKING_SPEED_MAX_MS = 1.9;
/**
 * Pace is compared as grade-adjusted pace: speed × C(grade) / C(0), with C the energy cost of
 * running on a slope from Minetti et al. 2002 (J Appl Physiol 93:1039–1046), a 5th-order
 * polynomial fitted on −45% to +45%. Grades beyond ±25% are clamped (a smoothed GPS profile
 * reaches them only through noise), so a hilly run's terrain-driven pace swings are not reps.
 */
export const GAP_MAX_GRADE_PCT = 25;
/**
 * A rep found in the speed stream must be corroborated where the file allows: with cadence, the
 * rep's median cadence is ≥ 3 spm above that of the running just around it (runners lengthen
 * and quicken their stride to go faster; GPS pace swings on a track's bends or among city
 * buildings leave cadence flat, seen in real files). Without cadence, heart rate must rise by
 * ≥ 10 bpm from the rep's start (its first readings inside the rep) to its highest point up to
 * 30 s after its end (it lags effort), then fall again (below). Real reps in the labelled set
 * raise it by 13–49 bpm (HR-only phone intervals, 30 s to 2 min), as heart-rate kinetics predict
 * (a time constant of ~30–40 s reaches most of a 20+ bpm step within the rep and its lag); on
 * city runs with stops, the heart rate that fell at a crossing comes back by 6–12 bpm when the
 * runner sets off, while the restart's GPS jump reads as a rep (two real Nike Run Club runs read
 * as intervals at 5 bpm).
 * Files with neither are taken on speed alone, with a wider margin (below).
 */
export const REP_CADENCE_RISE_SPM = 3;
/**
 * A file with neither cadence nor heart rate has nothing to confirm a rep with, so a rep found
 * without marked laps must be ≥ 25% faster than the reference (not 15%): a phone's or an old
 * watch's GPS speed swings by 15–20% over 10 s on a steady run (two real files read as
 * "4 reps" at +16–23%), while real reps run 25–50% faster than the jogging around them.
 */
export const INTERVAL_FAST_MARGIN_SPEED_ONLY = 0.25;
export const REP_HEART_RATE_RISE_BPM = 10;
export const REP_HEART_RATE_LAG_S = 30;
/**
 * …and by at least twice the heart-rate stream's own short-term jitter: the median distance of a
 * reading from the mean of the readings within ±15 s. The real heart-rate-only files of the
 * labelled set (phones, watches, chest straps) have a jitter of 0.3–1.4 bpm, so there the 10 bpm
 * above decides; an optical sensor whose readings jump ±8 bpm "rises" by 8 bpm at any moment,
 * and there a rep must rise by 16.
 */
export const REP_HEART_RATE_JITTER_FACTOR = 2;
export const REP_HEART_RATE_JITTER_HALF_WINDOW_S = 15;
/**
 * …and heart rate must come down again by ≥ 5 bpm from that highest point within 90 s of the
 * rep's end: a recovery lets it fall (10–30 bpm in the first minute after a hard rep), while on a
 * steady run whose heart rate drifts upward for 40 minutes every stretch "rises" by 5 bpm and
 * none falls (seen on 8 real GPS-noisy city runs whose 20-s speed swings read as reps). This fall
 * is asked of cadence-confirmed reps too when the file has heart rate: surges inside a continuous
 * hard effort quicken the stride, but heart rate stays up between them (a real 20-min run at
 * 4:17–4:51/km, HR 178–188, read as 4 reps).
 */
export const REP_HEART_RATE_FALL_BPM = 5;
export const REP_HEART_RATE_FALL_WINDOW_S = 90;
/** "Around" a rep for the cadence comparison: the 60 s before and after it. */
export const REP_SURROUND_S = 60;

// ---------------------------------------------------------------------------------------------
// Tempo (continuous hard running)
// ---------------------------------------------------------------------------------------------

/**
 * Tempo: one continuous stretch of ≥ 15 min at ≥ 10% faster than the run's own easier running
 * (the reference above), not downhill; or, when the client's usual easy pace is known, ≥ 15 min
 * with an average ≥ 15% faster than it. Threshold ("tempo") runs are 20–40 min at about
 * 85–90% of maximal heart rate (Daniels); 15 min keeps short progressions and strides out.
 * A tempo stretch joins across dips shorter than 60 s (a crossing, a drink).
 */
export const TEMPO_MIN_S = 15 * 60;
export const TEMPO_FAST_MARGIN = 0.1;
export const TEMPO_FASTER_THAN_EASY = 0.15;
export const TEMPO_JOIN_GAP_S = 60;
/**
 * No tempo on a mountain run (≥ 20 m of climbing per km): there heart rate and pace follow the
 * terrain, and the runnable stretches between power-hiked climbs are not a chosen hard effort.
 */
export const TEMPO_MAX_CLIMB_PER_KM_M = 20;
/** With heart rate, the tempo stretch's median must be ≥ 8 bpm above that of the easier running: hard, not a fast GPS segment. */
export const TEMPO_HEART_RATE_ABOVE_EASY_BPM = 8;

// ---------------------------------------------------------------------------------------------
// Is it a run at all
// ---------------------------------------------------------------------------------------------

/**
 * A file that says "running" (or says nothing: GPX files without a type are read as runs) but
 * whose median (or average) moving speed is above 6.5 m/s (2:34/km, faster than the marathon world record
 * pace of ~2:52/km) is not a run: a ride, a drive, a boat. It gets no running labels.
 */
export const RUN_MAX_MEDIAN_SPEED_MS = 6.5;
/**
 * …and at least 45% of its moving time is running: at a running cadence (≥ RUNNING_CADENCE_MIN_SPM)
 * or ≥ 2.5 m/s (nobody walks at 9 km/h; some watches log a walking-like cadence) when cadence is
 * recorded, else between WALKING_SPEED_MAX_MS and RUN_MAX_MEDIAN_SPEED_MS. A mountain run
 * power-hikes its climbs yet runs more than half its moving time (55–80% in the real trail,
 * mountain and ultra files of the labelled set); a walk with stretches on wheels does not (37%
 * in the one real file). Full sport inference belongs to the import; this only keeps running
 * labels off what is not a run.
 */
export const RUN_MIN_RUNNING_SHARE = 0.45;
export const RUN_SURE_SPEED_MS = 2.5;

// ---------------------------------------------------------------------------------------------
// Long run, easy, steady
// ---------------------------------------------------------------------------------------------

/** The long run is measured against the mean of the last 4 weeks (fewer when that is all there is). */
export const LONG_RUN_HISTORY_WEEKS = 4;
/**
 * A run of ≥ 30% of the mean weekly distance is long. Daniels caps the long run at about 25% of
 * weekly mileage; at 30% a run is past that cap and about 1.5× the average run of a 5-run week.
 */
export const LONG_RUN_SHARE_OF_WEEK = 0.3;
/**
 * …or ≥ 90% of the client's recent longest run, when the caller knows it. Both relative rules
 * need at least 45 min moving: a 25-min run can be a third of a beginner's week without being
 * a long run in the sense of accumulated fatigue.
 */
export const LONG_RUN_OF_RECENT_LONGEST = 0.9;
export const LONG_RUN_MIN_MOVING_S = 45 * 60;
/**
 * Both relative rules also need the run to be ≥ 1.25× the client's typical (median) recent run,
 * when at least 3 recent runs are known: a runner whose runs are all about the same length has
 * no long run, however large a share of the week each one is.
 */
export const LONG_RUN_OVER_TYPICAL = 1.25;
/** Without any history: ≥ 90 min moving, long for nearly every runner. */
export const LONG_RUN_NO_HISTORY_S = 90 * 60;
/**
 * Steady: average moving speed ≥ 8% faster than the client's usual easy pace. Easy and marathon
 * pace differ by ~10–20%; 8% is beyond day-to-day variation yet below tempo.
 */
export const STEADY_FASTER_THAN_EASY = 0.08;
/**
 * The usual easy pace is the median of recent easy/steady runs paced between 3:00 and 12:00/km:
 * faster is not easy for anyone, slower is walking (a mislabelled walk would otherwise give an
 * absurd "usual easy 21:43/km" to compare with).
 */
export const EASY_PACE_MIN_S_PER_KM = 180;
export const EASY_PACE_MAX_S_PER_KM = 720;

// ---------------------------------------------------------------------------------------------
// Confidence (heuristic, 0..1): how sure a label is, for sorting and display. Calibrated on the
// labelled real-file set (test/corpus/labelled): among labels given ≥ 0.8, at least 90% are right.
// ---------------------------------------------------------------------------------------------

/**
 * The version of the labelling rules, stored with each activity's labels. Raise it whenever a
 * threshold or rule here changes, so `palpable reprocess` can tell which activities were
 * labelled by older rules.
 */
export const LABEL_VERSION = 5;

/**
 * Confidence at exactly the threshold, rising linearly to the ceiling at twice the threshold
 * (e.g. 3 climbs → 0.6, 6 climbs → 0.95): sure, but never certain, since every rule here is a
 * heuristic on noisy data.
 */
export const CONFIDENCE_AT_THRESHOLD = 0.6;
export const CONFIDENCE_MAX = 0.95;
/** "Easy" chosen only because nothing else applied and no usual easy pace is known: a weak label. */
export const CONFIDENCE_EASY_BY_DEFAULT = 0.3;
/** Laps the watch marked active/rest come from a structured workout: the strongest interval evidence. */
export const CONFIDENCE_MARKED_LAPS = 0.9;
/** Reps found in speed alone, in a file with neither cadence nor heart rate to confirm them, are less sure. */
export const CONFIDENCE_UNCORROBORATED_FACTOR = 0.8;
/** GPS altitude is noisier than barometric; downhill and hill-repeat labels from it are less sure. */
export const CONFIDENCE_GPS_ALTITUDE_FACTOR = 0.8;

// ---------------------------------------------------------------------------------------------
// Weekly load
// ---------------------------------------------------------------------------------------------

/** Ramp compares a week's distance with the mean of the 4 weeks before it. */
export const RAMP_PRIOR_WEEKS = 4;
/**
 * ACWR windows, days, for the exponentially weighted form (Williams et al. 2017): λ = 2 / (N + 1).
 * The coupled 7/28-day rolling ratio is avoided because the acute week is part of the chronic
 * month, which builds in a spurious correlation (Lolli et al. 2019).
 */
export const ACWR_ACUTE_DAYS = 7;
export const ACWR_CHRONIC_DAYS = 28;
