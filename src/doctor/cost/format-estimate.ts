// The estimate as a table for a terminal: each line's unit price, quantity, free tier and
// monthly cost, the total, the comparison, the inputs, and plainly that it is an estimate.
import { COST_INPUTS } from './cost-inputs.js';
import type { CostLine } from './cost-line.js';
import type { CostReport } from './index.js';

/** The report's lines (without trailing newlines). */
export function formatEstimate({ estimate, configFile }: CostReport): string[] {
  const header = ['service', 'what', 'unit price', 'quantity', 'free tier', 'per month'];
  const lines = [
    `Estimated monthly AWS bill for ${configFile ?? "slipway's defaults (there is no slipway.yml)"}: an estimate, not a quote.`,
    `Prices: ${estimate.region} list prices as of ${estimate.pricesDated} (src/doctor/cost/price-table.ts names the page of each).`,
    '',
    ...table([header, ...estimate.lines.map(row), ['', 'total', '', '', '', dollars(estimate.total)]]),
  ];
  if (estimate.unpriced.length > 0) lines.push(`not in the total (no price in slipway's table; see the service's pricing page): ${estimate.unpriced.join(', ')}`);
  lines.push('', 'for comparison (not in the total):', ...table(estimate.comparison.map(row)));
  const inputs = COST_INPUTS.map((input) => [`  ${input.flag} ${estimate.inputs[input.key]}`, input.description]);
  lines.push('', 'assumed, for a 30-day month (each flag changes one):', ...table(inputs, false), '');
  lines.push(
    'Free tiers are per account and shared with everything else in it: the always-free ones are subtracted as if this stack were alone;',
    '* marks a 12-month free tier for new accounts, not subtracted. ECR storage assumes no layers shared between images (an upper bound).',
    "Not included: taxes, data transfer, enhanced image scanning, a KMS key's rotation (+$1 a month per rotation after its first year).",
  );
  return lines;
}

function row(line: CostLine): string[] {
  const price = line.usd === null ? 'no price' : `$${trim(line.usd * line.per)} per ${line.per === 1 ? '' : `${line.per.toLocaleString('en-US')} `}${line.per === 1 ? line.unit : plural(line.unit)}`;
  const free = line.free ? `${quantity(line.free.quantity, line.unit)}${line.free.kind === '12-months' ? ' *' : ''}` : '';
  return [line.service, line.item, price, quantity(line.quantity, line.unit), free, line.cost === null ? '?' : dollars(line.cost)];
}

/** Columns padded to their widest cell; the last one (money) aligned right unless `money` is false. */
function table(rows: string[][], money = true): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length))) ?? [];
  return rows.map((cells) => cells.map((cell, column) => (money && column === cells.length - 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

function dollars(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

/** A price with the digits it needs, at least two decimals ($0.10, $0.005). */
function trim(usd: number): string {
  const text = String(Number(usd.toPrecision(6)));
  return text.includes('.') && text.split('.')[1]!.length >= 2 ? text : usd.toFixed(2);
}

function quantity(amount: number, unit: string): string {
  const number = amount.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `${number} ${amount === 1 ? unit : plural(unit)}`;
}

function plural(unit: string): string {
  return unit.endsWith('ingested') ? unit : `${unit}s`;
}
