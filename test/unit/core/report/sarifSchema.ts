// Validation against the official OASIS SARIF 2.1.0 schema (a draft-04 JSON schema shipped by
// @microsoft/jest-sarif), for the SARIF tests of the engine and of the bundled CLI.
import Ajv from 'ajv-draft-04';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { ROOT } from '../helpers';

export const SARIF_SCHEMA_FILE = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

// RFC 3986 characters: unreserved, reserved, and percent-encoded octets only (no space, no raw non-ASCII).
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 3339 date-time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

let validator: ReturnType<Ajv['compile']> | undefined;

/** Schema errors of a SARIF log, one line each (empty when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    // Strict mode stays on, but for two things in the schema itself: `required` names a property that
    // one `anyOf` branch does not list (strictRequired), and a `pattern` is not valid with the `u` flag
    // Ajv 8 adds by default (draft-04 patterns are plain ECMA-262 ones: unicodeRegExp off). The
    // schema's three formats are defined here as RFC 3986 and RFC 3339 say (Ajv 8 knows none by itself,
    // and strict mode refuses an unknown one rather than skip it).
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && SCHEME.test(s));
    ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
    ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
