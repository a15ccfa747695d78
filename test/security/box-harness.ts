// A build inside a box of folders made for it: `<root>/src` (the source), `<root>/home` (slipway's
// home, artifacts in `home/out`) and `<root>/outside` (a canary folder the build must never read
// or write). After the build it lists what was written where it must not be.
import { mkdirSync, readdirSync, lstatSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCase, tempDir, type CaseOptions, type CaseResult, type RunnerName } from '../codebuild/build-harness.js';

export interface BoxedResult extends CaseResult {
  root: string;
  /** A file outside the source that the build must never read: its content. */
  canary: string;
  canaryPath: string;
  /** Paths (relative to the box root) written outside the source and the home's own folders. */
  writtenOutside: string[];
}

/** Every path under `dir`, relative to `root` (links are listed, never followed). */
function listAll(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.push(relative(root, path));
    if (lstatSync(path).isDirectory()) listAll(root, path, out);
  }
  return out;
}

/** The places a build may write: its source, the artifacts folder, the project's own folder, the database. */
const ALLOWED = [/^src(\/|$)/, /^home$/, /^home\/out(\/|$)/, /^home\/codebuild(\/|$)/, /^home\/slipway\.db/];

/** Makes the box; `prepare` may add files (e.g. links) to the source before the build runs. */
export function makeBox(): { root: string; sourceDir: string; stateDir: string; canary: string; canaryPath: string } {
  const root = tempDir('slipway-sec-');
  const sourceDir = join(root, 'src');
  const stateDir = join(root, 'home');
  for (const dir of [sourceDir, stateDir, join(root, 'outside')]) mkdirSync(dir, { recursive: true });
  const canary = `HOST-CANARY-${randomBytes(8).toString('hex')}`;
  const canaryPath = join(root, 'outside', 'canary.txt');
  writeFileSync(canaryPath, `${canary}\n`);
  return { root, sourceDir, stateDir, canary, canaryPath };
}

/**
 * Runs a buildspec in a fresh box. `{{canary}}` and `{{outside}}` in the buildspec stand for the
 * canary file and the outside folder (host paths, which a container does not see).
 */
export async function boxedCase(
  runner: RunnerName,
  buildspec: string,
  options: CaseOptions & { prepare?: (box: ReturnType<typeof makeBox>) => void; homeInSource?: boolean } = {},
): Promise<BoxedResult> {
  const box = makeBox();
  options.prepare?.(box);
  const before = new Set(listAll(box.root));
  const text = buildspec.replaceAll('{{canary}}', box.canaryPath).replaceAll('{{outside}}', join(box.root, 'outside'));
  const result = await runCase(runner, text, { ...options, sourceDir: box.sourceDir, stateDir: options.homeInSource ? join(box.sourceDir, '.slipway') : (options.stateDir ?? box.stateDir) });
  const writtenOutside = listAll(box.root).filter((path) => !before.has(path) && !ALLOWED.some((allowed) => allowed.test(path)));
  return { ...result, root: box.root, canary: box.canary, canaryPath: box.canaryPath, writtenOutside };
}

/** The phase context of UPLOAD_ARTIFACTS, if that phase ran. */
export function uploadContext(result: CaseResult): { status?: string; statusCode?: string; message?: string } {
  const phase = result.build.phases.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS');
  return { status: phase?.phaseStatus, statusCode: phase?.contexts?.[0]?.statusCode, message: phase?.contexts?.[0]?.message };
}
