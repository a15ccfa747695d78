// Reads the entries of a zip file (build artifacts that go to a bucket unpacked; later the
// pipeline's input artifacts). Directories are skipped; a symbolic link is reported as one.
import yauzl from 'yauzl';

/** One file of a zip. */
export interface ZipEntry {
  name: string;
  content: Buffer;
  symlink: boolean;
  /** The permission bits the zip recorded (0 when it recorded none, e.g. zips made on Windows). */
  mode: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Every file entry of the zip at `path`, in the zip's order. */
export function readZipEntries(path: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error(`cannot open ${path}`));
      const entries: ZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName} in ${path}`));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            const attributes = entry.externalFileAttributes >>> 16;
            entries.push({ name: entry.fileName, content: Buffer.concat(chunks), symlink: (attributes & S_IFMT) === S_IFLNK, mode: attributes & 0o777 });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
