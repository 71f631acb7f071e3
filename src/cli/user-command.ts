import { configFromEnv } from "../platform/config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { findPracticeIdsByName } from "../practices/repository.js";
import { password as passwordSchema, roleSchema } from "../practices/schema.js";
import { addPractitioner, createPracticeWithOwner, generateTemporaryPassword } from "../practices/service.js";
import { AppError } from "../platform/errors.js";
import { systemClock } from "../shared/clock.js";
import { emailAddress, requiredText } from "../shared/validators.js";
import { parseCommandArgs } from "./args.js";
import { CliError } from "./cli-error.js";

const HELP = `Usage: palpable user add --email EMAIL --name NAME --practice-name PRACTICE [--role ROLE] [--password PASSWORD]

Adds a practitioner who can sign in. If no practice has that name yet, a new practice is
created with this practitioner as its owner.

Options:
  --email EMAIL             Sign-in email (required)
  --name NAME               Full name (required)
  --practice-name PRACTICE  The practice to join or create (required)
  --role ROLE               owner, therapist or assistant (default: therapist; owner for a new practice)
  --password PASSWORD       At least 12 characters (default: a random one, printed once)
  -h, --help                Show this help
`;

export async function userAddCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      email: { type: "string" },
      name: { type: "string" },
      "practice-name": { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
    },
    HELP,
  );
  if (!args) return 0;
  const email = check("--email", emailAddress, args.email);
  const name = check("--name", requiredText(120), args.name);
  const practiceName = check("--practice-name", requiredText(120), args["practice-name"]);
  const role = args.role === undefined ? undefined : check("--role", roleSchema, args.role);
  const password = args.password === undefined ? generateTemporaryPassword() : check("--password", passwordSchema, args.password);

  const config = configFromEnv();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const matches = await findPracticeIdsByName(database.db, practiceName);
    if (matches.length > 1) throw new CliError(`More than one practice is called "${practiceName}"`);
    const [practiceId] = matches;
    if (practiceId === undefined) {
      // The first practitioner of a practice is its owner: a practice without one could never add anyone.
      if (role !== undefined && role !== "owner") {
        throw new CliError(
          `There is no practice called "${practiceName}" yet, and a new practice needs an owner first: add its owner (--role owner, or leave --role out), then add the ${role}`,
        );
      }
      await createPracticeWithOwner(database, systemClock, {
        practiceName,
        owner: { email, name, role: role ?? "owner", password },
        onlyIfFirst: false,
      });
      process.stdout.write(`Created practice "${practiceName}" with ${email} as ${role ?? "owner"}.\n`);
    } else {
      await addPractitioner(database, systemClock, { practiceId }, { email, name, role: role ?? "therapist", password });
      process.stdout.write(`Added ${email} to "${practiceName}" as ${role ?? "therapist"}.\n`);
    }
    if (args.password === undefined) process.stdout.write(`Temporary password (shown once): ${password}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError)
      throw new CliError(
        error.fields
          ? `${error.message} (${Object.entries(error.fields)
              .map(([k, v]) => `${k} ${v}`)
              .join("; ")})`
          : error.message,
      );
    throw error;
  } finally {
    await database.close();
  }
}

function check<T>(
  option: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  value: unknown,
): T {
  if (value === undefined) throw new CliError(`${option} is required (see --help)`, 2);
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(`${option} ${result.error.issues[0]?.message ?? "is invalid"}`, 2);
  return result.data;
}
