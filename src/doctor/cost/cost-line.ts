// One line of an estimate: a price, the quantity a month uses, the free tier, and the cost.
import type { FreeTier, Price } from './price-table.js';

/** A priced quantity; `usd` and `cost` are null when the table has no price for it. */
export interface CostLine {
  service: string;
  item: string;
  usd: number | null;
  /** The price is quoted per this many units. */
  per: number;
  unit: string;
  quantity: number;
  free?: FreeTier;
  /** The quantity left after an always-free tier. */
  billable: number;
  cost: number | null;
  source?: string;
}

/** Prices a quantity; an always-free tier is subtracted, a 12-month one is shown only. */
export function costLine(service: string, item: string, price: Price | undefined, quantity: number, unit = price?.unit ?? ''): CostLine {
  const free = price?.free;
  const billable = free?.kind === 'always' ? Math.max(0, quantity - free.quantity) : quantity;
  return {
    service, item, usd: price?.usd ?? null, per: price?.per ?? 1, unit, quantity, free, billable,
    cost: price ? billable * price.usd : null, source: price?.source,
  };
}

/** MB to GB as AWS bills storage (1 GB = 1024 MB). */
export function gigabytes(megabytes: number): number {
  return megabytes / 1024;
}
