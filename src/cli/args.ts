import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cli-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with --help built in and errors turned into one readable line. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, help: string) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: false,
      strict: true,
    });
    if ((parsed.values as Record<string, unknown>).help === true) {
      process.stdout.write(help);
      return undefined;
    }
    return parsed.values as { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`, 2);
  }
}
