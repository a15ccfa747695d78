// Lists a zip file's entries (name, content, whether it is a symbolic link) with yauzl.
import yauzl from 'yauzl';

export interface ZipEntry {
  name: string;
  content: string;
  symlink: boolean;
}

/** Reads every entry of a zip file. */
export function zipEntries(path: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries: ZipEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
            entries.push({ name: entry.fileName, content: Buffer.concat(chunks).toString('utf8'), symlink: mode === 0o120000 });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries.sort((a, b) => a.name.localeCompare(b.name))));
      zip.readEntry();
    });
  });
}
