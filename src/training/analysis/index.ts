/** Training analysis: pure functions from a parsed activity to a summary, labels and weekly load. */
export { summariseActivity } from "./summarise.js";
export { classifyActivity, detectLongRun, easyOrSteady } from "./classify.js";
export { weeklyLoad, ACWR_CAVEAT } from "./weekly-load.js";
export type * from "./types.js";
