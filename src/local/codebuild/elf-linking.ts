// Whether an executable can start in any Linux image: a statically linked ELF file (no PT_INTERP
// program header naming a dynamic loader such as /lib64/ld-linux-x86-64.so.2) needs nothing from
// the image. Read from the ELF header itself (the ELF specification's layout), so neither `file`
// nor `ldd` is needed.
import { open } from 'node:fs/promises';

/** How an executable is linked: static, dynamic (with its loader), or not an ELF file at all (a script). */
export type ElfLinking = { kind: 'static' } | { kind: 'dynamic'; interpreter: string } | { kind: 'not-elf' };

const PT_INTERP = 3;
/** Enough for the ELF header and a program header table of any real executable. */
const HEAD_BYTES = 64 * 1024;

/** Reads an executable's ELF header and program headers to tell how it is linked. */
export async function elfLinking(path: string): Promise<ElfLinking> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46) return { kind: 'not-elf' };
    const is64 = bytes[4] === 2;
    const little = bytes[5] === 1;
    const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
    const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
    const word = (at: number) => (is64 ? Number(little ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at)) : u32(at));
    const phoff = word(is64 ? 0x20 : 0x1c);
    const phentsize = u16(is64 ? 0x36 : 0x2a);
    const phnum = u16(is64 ? 0x38 : 0x2c);
    for (let index = 0; index < phnum; index += 1) {
      const at = phoff + index * phentsize;
      if (at + phentsize > bytes.length) break;
      if (u32(at) !== PT_INTERP) continue;
      // p_offset and p_filesz: where the loader's path (NUL-terminated) is in the file.
      const offset = word(at + (is64 ? 0x08 : 0x04));
      const size = word(at + (is64 ? 0x20 : 0x10));
      const name = Buffer.alloc(Math.min(size, 4096));
      await file.read(name, 0, name.length, offset);
      return { kind: 'dynamic', interpreter: name.toString('utf8').replace(/\0.*$/s, '') };
    }
    return { kind: 'static' };
  } finally {
    await file.close();
  }
}
