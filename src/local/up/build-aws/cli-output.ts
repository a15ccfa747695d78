// What the AWS CLI prints for an answer: timestamps as ISO 8601 (CLI v2's default
// `cli_timestamp_format`), blobs as base64, `--query` applied with JMESPath, then `--output`:
// json (4-space indented, as the CLI's json.dumps), text (the CLI's tab-separated form, from
// awscli/text.py), or yaml (AWS CLI User Guide, "Setting the output format").
import jmespath from 'jmespath';
import { stringify } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `2024-05-06T07:08:09.123000+00:00`, Python's isoformat() of a UTC datetime, as CLI v2 prints it. */
function isoTimestamp(date: Date): string {
  const text = date.toISOString();
  const millis = text.slice(20, 23);
  return `${text.slice(0, 19)}${millis === '000' ? '' : `.${millis}000`}+00:00`;
}

/** An operation's output as the CLI holds it before printing. */
export function cliValue(value: unknown): Json {
  if (value instanceof Date) return isoTimestamp(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(cliValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, cliValue(v)]));
  return (value ?? null) as Json;
}

/** Python's str() of a scalar. */
function scalarText(value: Json): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

const isScalar = (value: Json): boolean => value === null || typeof value !== 'object';

function textOf(item: Json, lines: string[], identifier?: string, scalarKeys?: string[]): void {
  if (Array.isArray(item)) return textOfList(item, lines, identifier);
  if (item === null || typeof item !== 'object') return void lines.push(scalarText(item));
  const keys = scalarKeys ?? Object.keys(item).filter((key) => isScalar(item[key]!)).sort();
  const scalars = keys.map((key) => (key in item ? scalarText(item[key]!) : ''));
  if (scalars.length > 0) lines.push([...(identifier === undefined ? [] : [identifier.toUpperCase()]), ...scalars].join('\t'));
  for (const key of Object.keys(item).filter((k) => !keys.includes(k) && !isScalar(item[k]!)).sort()) textOf(item[key]!, lines, key);
}

function textOfList(list: Json[], lines: string[], identifier?: string): void {
  if (list.length === 0) return;
  if (list.some((el) => el !== null && typeof el === 'object' && !Array.isArray(el))) {
    const keys = [...new Set(list.flatMap((el) => (el && typeof el === 'object' && !Array.isArray(el) ? Object.keys(el).filter((k) => isScalar(el[k]!)) : [])))].sort();
    for (const el of list) textOf(el, lines, identifier, keys);
    return;
  }
  const scalars = list.filter(isScalar);
  if (scalars.length > 0) {
    if (identifier === undefined) lines.push(scalars.map(scalarText).join('\t'));
    else for (const el of scalars) lines.push(`${identifier.toUpperCase()}\t${scalarText(el)}`);
  }
  for (const el of list.filter((one) => !isScalar(one))) textOf(el, lines, identifier);
}

/**
 * YAML as CLI v2 prints it (awscli/formatter.py, YAMLDumper: ruamel's safe dumper in block
 * style): keys sorted, sequences not indented under their key, strings single-quoted when they
 * would read as something else (a timestamp included); a scalar answer is printed as JSON.
 */
function yamlText(value: Json): string {
  if (value === null || typeof value !== 'object') return `${JSON.stringify(value)}\n`;
  return stringify(value, { customTags: ['timestamp'], singleQuote: true, sortMapEntries: true, indentSeq: false });
}

/** The printed answer, or a problem with `--output` or `--query`. */
export function renderCliOutput(output: unknown, format: string, query: string | undefined): { text: string } | { problem: string } {
  let value = cliValue(output);
  if (query !== undefined) {
    try {
      value = jmespath.search(value, query) as Json;
    } catch (error) {
      return { problem: `Bad value for --query ${query}: ${(error as Error).message}` };
    }
  }
  // The CLI prints nothing for an empty answer (awscli/formatter.py: `if response != {}`).
  if (format === 'json') return { text: value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? '' : `${JSON.stringify(value, null, 4)}\n` };
  if (format === 'yaml') return { text: yamlText(value) };
  if (format !== 'text') return { problem: `--output ${format}: slipway's stand-in for the AWS CLI prints json, text or yaml` };
  const lines: string[] = [];
  textOf(value, lines);
  return { text: lines.map((line) => `${line}\n`).join('') };
}
