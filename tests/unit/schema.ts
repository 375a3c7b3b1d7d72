import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

let validator: ValidateFunction | undefined;

/** Validates a value against src/core/report.schema.json; returns Ajv's error text or ''. */
export function reportSchemaErrors(value: unknown): string {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync('src/core/report.schema.json', 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: true, strictTuples: false, allowUnionTypes: true }).compile(schema);
  }
  return validator(value) ? '' : JSON.stringify(validator.errors, null, 2);
}
