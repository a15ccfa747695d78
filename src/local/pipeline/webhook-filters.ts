// A CodePipeline webhook's Filters on a delivery (WebhookFilterRule): every filter must match, or
// the delivery is ignored. A filter's JsonPath selects from the payload, and the value selected
// must equal its MatchEquals, in which `{Key}` stands for that key of the target action's
// configuration (`refs/heads/{Branch}` is `refs/heads/main` for Branch: main). A path selecting
// several values matches when one of them does, and a filter without MatchEquals matches when its
// path selects something (both inferred: AWS documents neither case).
import { JsonPathError, selectJsonPath } from './json-path.js';

/** The outcome: all filters matched, or the first that did not and why. */
export type FilterOutcome = { matched: true } | { matched: false; reason: string };

/** MatchEquals with `{Key}` replaced by the target action's configuration value (an unknown key stays as written). */
export function substitute(matchEquals: string, configuration: Record<string, unknown>): string {
  return matchEquals.replace(/\{([^{}]+)\}/g, (whole, key: string) => (Object.hasOwn(configuration, key) ? String(configuration[key]) : whole));
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Applies every filter to the payload, in order. */
export function applyFilters(
  filters: readonly { jsonPath: string; matchEquals?: string }[], payload: unknown, configuration: Record<string, unknown>,
): FilterOutcome {
  for (const [index, filter] of filters.entries()) {
    let selected: unknown[];
    try {
      selected = selectJsonPath(filter.jsonPath, payload);
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      return { matched: false, reason: `filter ${index + 1} (${filter.jsonPath}): ${error.message}` };
    }
    if (filter.matchEquals === undefined) {
      if (selected.length === 0) return { matched: false, reason: `filter ${index + 1} (${filter.jsonPath}) selects nothing` };
      continue;
    }
    const expected = substitute(filter.matchEquals, configuration);
    if (!selected.some((value) => text(value) === expected)) {
      const found = selected.length === 0 ? 'nothing' : selected.slice(0, 3).map((value) => `'${text(value)}'`).join(', ');
      return { matched: false, reason: `filter ${index + 1} (${filter.jsonPath}) selected ${found}, not '${expected}'` };
    }
  }
  return { matched: true };
}
