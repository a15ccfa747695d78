// The dashboard's files (assets/dashboard in the package: its page, scripts and styles), read
// into memory once when up starts. Requests are answered from that table only, by exact path,
// so no request can name a file outside it; each file carries a content hash as its ETag.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file as served. */
export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Where the files are: the same place from src/local/dashboard (tests) and dist/local/dashboard (the package). */
export const ASSETS_FOLDER = fileURLToPath(new URL('../../../assets/dashboard/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The files of `folder` by the path they are served at (`/assets/<relative path>`); the page itself separately. */
export function loadAssets(folder = ASSETS_FOLDER): { assets: Map<string, Asset>; page: string } {
  const assets = new Map<string, Asset>();
  let page: string | undefined;
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(folder, name));
    if (name === 'index.html') page = body.toString('utf8');
    else assets.set(`/assets/${name.split(sep).join('/')}`, { body, contentType: type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  if (page === undefined) throw new Error(`the dashboard's page is missing from ${folder} (index.html)`);
  // The page asks for all its modules at once, rather than one import after another.
  const preloads = [...assets.keys()].filter((path) => path.endsWith('.js')).map((path) => `<link rel="modulepreload" href="${path}">`);
  return { assets, page: page.replace('<!-- module preloads -->', preloads.join('\n  ')) };
}
