// Issue 16, class 1: a build stays in its box. Artifacts and reports are packed on the host, so a
// symbolic link made by the build (in a container, where the host's files are out of reach)
// must never make slipway read a host file into a zip. Each variant runs on the host and in a
// container and must be refused (CLIENT_ERROR, naming the path), with nothing read or written
// outside the source folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, type RunnerName } from '../codebuild/build-harness.js';
import { zipEntries } from '../codebuild/zip-entries.js';
import { boxedCase, uploadContext, type BoxedResult } from './box-harness.js';

afterAll(cleanUp);

const shadow = existsSync('/etc/shadow') ? readFileSync('/etc/shadow', 'utf8') : undefined;

/** Every zip written under a folder, with its entries. */
async function allZipContents(dir: string): Promise<string> {
  if (!existsSync(dir)) return '';
  const texts: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile() && path.endsWith('.zip')) for (const entry of await zipEntries(path)) texts.push(`${entry.name}\n${entry.content}`);
  }
  return texts.join('\n');
}

/** The build was refused in UPLOAD_ARTIFACTS, said why, and nothing of the host came out. */
async function expectRefused(r: BoxedResult, message: RegExp): Promise<void> {
  expect(r.build.buildStatus).toBe('FAILED');
  expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
  expect(uploadContext(r).message).toMatch(message);
  const zips = await allZipContents(r.artifactsDir);
  expect(zips).not.toContain(r.canary);
  if (shadow) expect(zips).not.toContain(shadow);
  expect(r.build.reports.flatMap((report) => report.files).join('\n')).not.toContain('outside');
  expect(r.writtenOutside).toEqual([]);
}

const phases = (commands: string[]) => `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      - ${JSON.stringify(c)}\n`).join('')}`;

interface Variant {
  what: string;
  buildspec: string;
  message: RegExp;
}

const refused: Variant[] = [
  { what: 'a link to /etc/shadow listed in files', buildspec: `${phases(['busybox ln -s /etc/shadow leak'])}artifacts:\n  files: [leak]\n`, message: /leak.*\/etc\/shadow.*outside the source folder/ },
  { what: 'a link to a host file, listed through **/*', buildspec: `${phases(['echo ok > ok.txt', 'busybox ln -s {{canary}} leak'])}artifacts:\n  files: ['**/*']\n`, message: /leak.*outside the source folder/ },
  { what: 'a relative link climbing out (../outside/canary.txt)', buildspec: `${phases(['busybox ln -s ../outside/canary.txt leak'])}artifacts:\n  files: [leak]\n`, message: /leak.*outside the source folder/ },
  { what: 'a chain of links ending outside', buildspec: `${phases(['busybox ln -s {{canary}} one', 'busybox ln -s one two'])}artifacts:\n  files: [two]\n`, message: /two.*outside the source folder/ },
  { what: 'a link to a host folder, its files listed', buildspec: `${phases(['busybox ln -s {{outside}} dir'])}artifacts:\n  files: ['dir/**/*']\n`, message: /dir.*outside the source folder/ },
  { what: 'a link to /proc/self/status (a file whose size lies)', buildspec: `${phases(['busybox ln -s /proc/self/status status'])}artifacts:\n  files: [status]\n`, message: /status.*outside the source folder/ },
  { what: 'base-directory: /etc', buildspec: `${phases(['true'])}artifacts:\n  base-directory: /etc\n  files: [shadow, passwd]\n`, message: /base-directory \/etc.*outside the source folder/ },
  { what: 'base-directory: ..', buildspec: `${phases(['true'])}artifacts:\n  base-directory: ..\n  files: ['outside/*']\n`, message: /base-directory \.\..*outside the source folder/ },
  { what: 'base-directory through a link to a host folder', buildspec: `${phases(['busybox ln -s {{outside}} out'])}artifacts:\n  base-directory: out\n  files: ['*']\n`, message: /base-directory out.*outside the source folder/ },
  {
    what: 'a secondary artifact with a link to a host file',
    buildspec: `${phases(['echo a > a.txt', 'busybox ln -s {{canary}} leak'])}artifacts:\n  files: [a.txt]\n  secondary-artifacts:\n    Second:\n      files: [leak]\n`,
    message: /Second: .*leak.*outside the source folder/,
  },
];

describe.each(['host', 'container'] as RunnerName[])('artifacts stay inside the source folder (%s)', (runner) => {
  it.each(refused)('refuses $what', async ({ buildspec, message }) => {
    await expectRefused(await boxedCase(runner, buildspec), message);
  });

  it('keeps a link as a link with enable-symlinks: yes (its target is not read)', async () => {
    const r = await boxedCase(runner, `${phases(['busybox ln -s {{canary}} leak', 'busybox ln -s /etc/shadow shadow'])}artifacts:\n  files: [leak, shadow]\n  enable-symlinks: yes\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    const entries = await zipEntries(r.build.artifacts!.location);
    expect(entries).toEqual([
      { name: 'leak', content: r.canaryPath, symlink: true },
      { name: 'shadow', content: '/etc/shadow', symlink: true },
    ]);
  });

  it('follows links that stay inside the source folder', async () => {
    const r = await boxedCase(runner, `${phases(['mkdir -p dist real', 'echo inside > real/file.txt', 'busybox ln -s ../real/file.txt dist/alias.txt', 'busybox ln -s ../real dist/dir'])}artifacts:\n  base-directory: dist\n  files: ['**/*']\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(await zipEntries(r.build.artifacts!.location)).toEqual([
      { name: 'alias.txt', content: 'inside\n', symlink: false },
      { name: 'dir/file.txt', content: 'inside\n', symlink: false },
    ]);
  });

  it('packs no FIFO or device: a FIFO listed in files is refused, never waited on', async () => {
    const r = await boxedCase(runner, `${phases(['true'])}artifacts:\n  files: [pipe]\n`, {
      prepare: ({ sourceDir }) => execFileSync('mkfifo', [join(sourceDir, 'pipe')]),
    });
    expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
    expect(uploadContext(r).message).toMatch(/pipe.*not a regular file/);
  });
});

describe.each(['host', 'container'] as RunnerName[])('reports stay inside the source folder (%s)', (runner) => {
  const junit = '<testsuite><testcase name="a"/></testsuite>';
  it.each([
    { what: 'a report file linked to a host file', buildspec: `${phases(['busybox ln -s {{canary}} report.xml'])}reports:\n  unit:\n    files: [report.xml]\n`, message: /unit: .*report\.xml.*outside the source folder/ },
    { what: 'a report base-directory of ..', buildspec: `${phases(['true'])}reports:\n  unit:\n    base-directory: ..\n    files: ['outside/*']\n`, message: /unit: base-directory \.\..*outside the source folder/ },
  ])('refuses $what', async ({ buildspec, message }) => {
    await expectRefused(await boxedCase(runner, buildspec), message);
  });

  it('still counts a report inside the source folder', async () => {
    const r = await boxedCase(runner, `${phases([`echo '${junit}' > report.xml`])}reports:\n  unit:\n    files: [report.xml]\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.build.reports[0]).toMatchObject({ reportGroupName: 'unit', total: 1 });
  });
});
