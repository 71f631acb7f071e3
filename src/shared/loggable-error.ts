/**
 * What of an error may go into a log: its class name and machine codes, never its message. SMTP
 * replies ("550 <jane@example.com> rejected") and database errors ("invalid input: …") can carry
 * a recipient's address or a value from the request, so messages and server responses stay out.
 */
export interface LoggableError {
  name: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { name: typeof error };
  const fields = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    name: error.name,
    ...(typeof fields.code === "string" || typeof fields.code === "number" ? { code: String(fields.code) } : {}),
    ...(typeof fields.responseCode === "number" ? { responseCode: fields.responseCode } : {}),
    // nodemailer's command is the SMTP verb ("RCPT TO", "DATA"), never its argument.
    ...(typeof fields.command === "string" && /^[A-Z ]{1,20}$/.test(fields.command) ? { command: fields.command } : {}),
  };
}
