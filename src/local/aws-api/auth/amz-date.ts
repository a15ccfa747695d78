// SigV4's timestamps: the long format `YYYYMMDDTHHMMSSZ` of X-Amz-Date and of AWS's messages.

/** `date` in SigV4's long format, `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** The instant of a SigV4 long-format date. */
export function parseAmzDate(amzDate: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)!;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** `date` as S3 writes a ServerTime: ISO 8601 to the second. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
