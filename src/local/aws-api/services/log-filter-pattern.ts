// CloudWatch Logs filter patterns for unstructured log events ("Filter pattern syntax for metric
// filters, subscription filters, filter log events, and Live Tail"): terms that must all appear
// (case-sensitive), "quoted phrases", `?term` of which one must appear, `-term` that must not, and
// `%regular expression%`. JSON (`{ $.x = ... }`) and space-delimited (`[a, b]`) patterns match
// fields of structured events, which build logs are not: they are refused.
import { SlipwayError } from '../../../errors.js';

/** A test of one message against a filter pattern. */
export type MessageFilter = (message: string) => boolean;

/** The filter a pattern describes; an empty pattern matches every event. */
export function messageFilter(pattern: string | undefined): MessageFilter {
  const text = pattern?.trim() ?? '';
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new SlipwayError('InvalidParameterException', `Invalid filter pattern ${text}: JSON and space-delimited patterns match structured events; build logs are text, so use terms, "phrases", ?alternatives, -exclusions or %regular expression%`);
  }
  if (/^%.*%$/s.test(text)) return regexFilter(text.slice(1, -1));
  const terms = [...text.matchAll(/([?+-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((match) => ({ mark: match[1]!, term: match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]! }));
  const required = terms.filter((term) => term.mark === '' || term.mark === '+').map((term) => term.term);
  const either = terms.filter((term) => term.mark === '?').map((term) => term.term);
  const excluded = terms.filter((term) => term.mark === '-').map((term) => term.term);
  return (message) => required.every((term) => message.includes(term)) && (either.length === 0 || either.some((term) => message.includes(term)))
    && !excluded.some((term) => message.includes(term));
}

function regexFilter(source: string): MessageFilter {
  try {
    const expression = new RegExp(source);
    return (message) => expression.test(message);
  } catch (error) {
    throw new SlipwayError('InvalidParameterException', `Invalid filter pattern %${source}%: ${(error as Error).message}`);
  }
}
