/** The major version in `pg_dump --version` output ("pg_dump (PostgreSQL) 15.20 (Debian …)") or a server version ("16.4"). */
export function majorVersion(text: string): number | undefined {
  const match = /(\d+)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * pg_dump refuses to dump a server of a newer major version. Returns the message naming both
 * versions when that is the case, or undefined when the pair can work.
 */
export function pgDumpVersionProblem(pgDumpVersionOutput: string, serverVersion: string): string | undefined {
  const tool = majorVersion(pgDumpVersionOutput);
  const server = majorVersion(serverVersion);
  if (tool === undefined || server === undefined || tool >= server) return undefined;
  return (
    `pg_dump ${tool} is older than the PostgreSQL ${server} server (${serverVersion.trim()}) and cannot dump it; ` +
    `install the PostgreSQL ${server} client tools (pg_dump ${server} or newer)`
  );
}
