/** A backup or restore that cannot go ahead, with a message the user can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}
