// How deep JSON text nests, found without parsing it: a parser (and every client that reads the
// document back) may give up on a document nested deeply enough, so the depth is checked first.

/** True when JSON text nests objects and arrays deeper than `limit`; one pass over the bytes, strings skipped. */
export function nestingExceeds(bytes: Buffer, limit: number): boolean {
  // UTF-8 never puts a byte below 0x80 inside a multi-byte character, so ASCII bytes are enough.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: the next byte is escaped
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return false;
}
