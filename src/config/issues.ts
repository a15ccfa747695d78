// Turns the schema's findings into problems a person can act on: the path, the value found, the
// value expected, and a "did you mean" for misspelt keys.
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { formatPath, type LocatedDocument, type PathKey } from '../yaml/located-document.js';
import { closestWord } from '../text/did-you-mean.js';

type SchemaIssue = z.core.$ZodIssue & { input?: unknown };

/** Converts zod issues for a document into located problems (one per unknown key). */
export function problemsFromIssues(issues: readonly SchemaIssue[], doc: LocatedDocument, schema: z.ZodType): Problem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => {
        const suggestion = closestWord(key, known);
        const message = `unknown key '${key}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (expected one of: ${known.join(', ')})`;
        return problemAt(doc, [...path, key], message, true);
      });
    }
    if (issue.code === 'invalid_key') {
      // A record key that fails its own schema: the key's message says what is wrong with it.
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      return [problemAt(doc, path, `key ${describeValue(issue.input)}: ${reasons}`, true)];
    }
    return [problemAt(doc, path, describeIssue(issue), false)];
  });
}

/** A problem at `path`, with the line and column of the value (or of the key, for key problems). */
export function problemAt(doc: LocatedDocument, path: readonly PathKey[], message: string, atKey: boolean): Problem {
  const position = atKey ? doc.locateKey(path) : doc.locate(path);
  return { file: doc.file, path: formatPath(path) || undefined, ...position, message };
}

function describeIssue(issue: SchemaIssue): string {
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required ${issue.expected} is missing` : `expected ${issue.expected}, found ${found}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, found ${found}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      return `expected ${bound} ${String(limit)}${unit}, found ${found}`;
    }
    default:
      return `${issue.message}, found ${found}`;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The keys an object schema accepts at `path`, for "did you mean" suggestions. */
function keysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    const def = current?._zod.def as {
      type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType
    } | undefined;
    if (def?.type === 'object') current = def.shape?.[String(key)];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  const def = unwrap(current)?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (;;) {
    const def = current?._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType } | undefined;
    if (def && (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault')) current = def.innerType;
    else if (def?.type === 'pipe') current = def.in;
    else return current;
  }
}
