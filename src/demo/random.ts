/** The seeded generator lives in shared/random.ts (the demo, synthetic runs and tests use it). */
export { seededRandom, type Random } from "../shared/random.js";
