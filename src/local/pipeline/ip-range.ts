// Whether a client address lies in a CIDR range: a CodePipeline webhook with IP authentication
// takes deliveries only from its AllowedIPRange (e.g. `10.0.0.0/8` or `127.0.0.1/32`). IPv4, also
// in its IPv6-mapped form (`::ffff:127.0.0.1`, as Node reports IPv4 clients on a dual-stack
// socket); an IPv6 range matches its own address exactly.

function ipv4(address: string): number | undefined {
  const parts = address.replace(/^::ffff:/i, '').split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Whether `address` is inside `range` (`a.b.c.d/n`, or a single address). */
export function inRange(address: string, range: string): boolean {
  const [base = '', bits] = range.trim().split('/');
  const from = ipv4(base);
  const ip = ipv4(address);
  if (from === undefined || ip === undefined) return address.toLowerCase() === base.toLowerCase();
  const prefix = bits === undefined ? 32 : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(ip / size) === Math.floor(from / size);
}
