// Checks an S3 upload's integrity headers against the bytes received: Content-MD5 (RFC 1864) and
// the flexible checksums `x-amz-checksum-crc32`, `-sha1` and `-sha256` (Amazon S3, "Checking
// object integrity"), whether sent as headers or as aws-chunked trailers. CRC32C and CRC64NVME
// have no implementation in Node and are accepted unchecked.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../protocols/aws-error.js';

const CHECKSUMS: ReadonlyArray<[header: string, label: string, compute: (data: Buffer) => string]> = [
  ['content-md5', 'Content-MD5', (data) => createHash('md5').update(data).digest('base64')],
  ['x-amz-checksum-crc32', 'CRC32', (data) => crc32Base64(data)],
  ['x-amz-checksum-sha1', 'SHA1', (data) => createHash('sha1').update(data).digest('base64')],
  ['x-amz-checksum-sha256', 'SHA256', (data) => createHash('sha256').update(data).digest('base64')],
];

/** Refuses `data` when a checksum the client sent does not match it (S3's BadDigest). */
export function verifyChecksums(data: Buffer, sent: Readonly<Record<string, string | undefined>>): void {
  for (const [header, label, compute] of CHECKSUMS) {
    const claimed = sent[header];
    if (claimed === undefined) continue;
    if (compute(data) !== claimed.trim()) {
      const message = header === 'content-md5' ? 'The Content-MD5 you specified did not match what we received.' : `The ${label} you specified did not match the calculated checksum.`;
      throw new AwsError('BadDigest', message);
    }
  }
}

function crc32Base64(data: Buffer): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(data));
  return bytes.toString('base64');
}
