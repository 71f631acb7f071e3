/** Why a file was not imported. Each is shown to the user next to the file's name. */
export type RejectionReason =
  | "not_an_activity"
  | "corrupt"
  | "corrupt_header"
  | "implausible"
  | "unsupported_format"
  | "too_large"
  | "zip_bomb"
  | "path_traversal"
  | "empty";

export class RejectedFileError extends Error {
  override readonly name = "RejectedFileError";
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
  }
}
