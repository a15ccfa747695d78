// Timestamps on the wire. Each protocol has a default format (awsJson: epoch seconds; awsQuery
// and XML bodies: ISO 8601; REST headers: the HTTP date of RFC 7231) that a member's
// `timestampFormat` overrides (AWS's "timestampFormat trait"). Reading accepts any of the three.
import type { TimestampFormat } from '../model/shapes.js';

/** `date` written in `format`. */
export function formatTimestamp(date: Date, format: TimestampFormat): string | number {
  if (format === 'unixTimestamp') return date.getTime() / 1000;
  if (format === 'rfc822') return date.toUTCString();
  return date.toISOString();
}

/** The instant `value` names (epoch seconds, ISO 8601 or an HTTP date), or undefined when it names none. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value * 1000) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const date = /^-?\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
