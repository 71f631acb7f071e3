/**
 * Copies committed pages from a SQLite database's write-ahead log back into the database file,
 * in its own thread (db/wal-checkpointer.ts). A checkpoint waits for the disk twice (the log, then
 * the database file); run by the server's own connection, as SQLite does every 1,000 pages, those
 * waits would stall the event loop in the middle of whichever request happened to commit. PASSIVE
 * checkpoints never wait for readers or writers: the server keeps reading and writing meanwhile.
 */
import { parentPort, workerData } from "node:worker_threads";
import SqliteDatabase from "better-sqlite3";
import type { CheckpointReport, WalCheckpointData } from "./wal-checkpointer.js";

const { file, everyMs } = workerData as WalCheckpointData;
const sqlite = new SqliteDatabase(file, { fileMustExist: true });
sqlite.pragma("synchronous = NORMAL");
const port = parentPort!;

function checkpoint(requested: boolean): void {
  let report: CheckpointReport;
  try {
    const [row] = sqlite.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
    report = { busy: row?.busy === 1, logPages: row?.log ?? 0, checkpointedPages: row?.checkpointed ?? 0 };
  } catch (error) {
    // Busy (another checkpoint under way) or a transient I/O error: the next tick tries again.
    report = { busy: true, logPages: -1, checkpointedPages: -1, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(requested ? { ...report, requested } : report);
}

const timer = setInterval(() => checkpoint(false), everyMs);
port.on("message", (message: "checkpoint" | "stop") => {
  if (message === "checkpoint") return checkpoint(true);
  clearInterval(timer);
  sqlite.close();
  port.close();
});
port.postMessage("ready");
