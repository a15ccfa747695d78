// Fn::Cidr: `count` consecutive subnets of `cidrBits` host bits carved from the start of an
// address block (AWS docs, Fn::Cidr; IPv4 and IPv6 blocks both accepted).

/** Returns `count` CIDR blocks with `cidrBits` host bits each, from the start of `ipBlock`. */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const [address, prefixText] = ipBlock.split('/');
  const prefix = Number(prefixText);
  const ipv6 = address?.includes(':') ?? false;
  const width = ipv6 ? 128 : 32;
  if (!address || !Number.isInteger(prefix) || prefix < 0 || prefix > width) throw new Error(`'${ipBlock}' is not a CIDR block such as 10.0.0.0/16`);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new Error(`the count of subnets must be from 1 to 256; got ${count}`);
  const subnetPrefix = width - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || subnetPrefix < prefix) {
    throw new Error(`cidrBits ${cidrBits} does not fit: a /${prefix} block has only ${width - prefix} host bits`);
  }
  if (BigInt(count) > 1n << BigInt(subnetPrefix - prefix)) throw new Error(`a /${prefix} block holds fewer than ${count} subnets of /${subnetPrefix}`);
  const base = (ipv6 ? parseIpv6(address) : parseIpv4(address)) & ~((1n << BigInt(width - prefix)) - 1n);
  const step = 1n << BigInt(cidrBits);
  return Array.from({ length: count }, (_, index) => {
    const start = base + step * BigInt(index);
    return `${ipv6 ? formatIpv6(start) : formatIpv4(start)}/${subnetPrefix}`;
  });
}

function parseIpv4(text: string): bigint {
  const octets = text.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) throw new Error(`'${text}' is not an IPv4 address`);
  return octets.reduce((sum, octet) => (sum << 8n) + BigInt(octet), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint {
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) throw new Error(`'${text}' is not an IPv6 address`);
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, index) => ((value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
