/** Number formats for the evidence sentences. */

/** 215 → "3:35" (min:s per km). */
export function formatPace(secondsPerKm: number): string {
  const total = Math.round(secondsPerKm);
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, "0")}`;
}

/** Distances a runner would say: "400 m", "1.2 km", "21.1 km"; metres rounded to 50 below 1 km (to 10 below 200 m). */
export function formatDistance(metres: number): string {
  if (metres < 200) return `${Math.round(metres / 10) * 10} m`;
  if (metres < 950) return `${Math.round(metres / 50) * 50} m`;
  return `${(metres / 1000).toFixed(1)} km`;
}

/** 6720 → "1:52:00", 1500 → "25:00". */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Heights as a runner says them: to the metre under 20 m, to 5 m above ("~40 m"). */
export function formatHeight(metres: number): string {
  return `${metres < 20 ? Math.round(metres) : Math.round(metres / 5) * 5} m`;
}
