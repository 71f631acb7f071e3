/**
 * A worker thread of the analysis pool (analysis-pool.ts): reads and analyses the files it is
 * sent, one at a time, and answers each with its FileAnalysis. It never touches the database.
 */
import { parentPort } from "node:worker_threads";
import { analyseFile } from "./file-analysis.js";
import type { PoolReply, PoolTask } from "./analysis-pool.js";

const port = parentPort;
if (!port) throw new Error("analysis.worker.ts runs only as a worker thread");

port.on("message", (task: PoolTask) => {
  let reply: PoolReply;
  try {
    reply = { id: task.id, result: analyseFile(task.bytes, task.sports) };
  } catch (error) {
    reply = { id: task.id, fault: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
