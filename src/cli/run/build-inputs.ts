// What `slipway build` reads before a build starts: the image map (the home's file under the
// flags), and the buildspec file, checked
// up front so that a broken buildspec is an input error (exit 2) and not a failed build.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { readBuildspec } from '../../local/codebuild/buildspec-parser.js';
import { readImageMap } from '../../local/codebuild/image-map.js';
import { BUILD_DEFAULTS } from '../../local/codebuild/request.js';
import { keyValuePairs } from '../flags.js';

/** The image map: the home's file, then --image-map flags over it. */
export function imageMap(file: string, flags: string[]): Record<string, string> {
  return { ...readImageMap(file), ...keyValuePairs(flags, '--image-map') };
}

/**
 * Validates the buildspec file a build will read (exit 2 with every problem). An inline buildspec
 * (a project's, or one given inline) is read by the build itself, which fails it in DOWNLOAD_SOURCE.
 */
export function checkBuildspecFile(sourceDir: string, buildspec: string | undefined): void {
  const file = buildspec ?? BUILD_DEFAULTS.buildspecFile;
  if (file.includes('\n') || /^version\s*:/.test(file.trim()) || file.startsWith('arn:')) return;
  const path = resolve(sourceDir, file);
  if (!existsSync(path)) {
    throw new SlipwayError('BuildspecMissing', `no buildspec at ${path}`, { hint: 'pass --buildspec FILE, or run slipway init to write one' });
  }
  const reading = readBuildspec(readFileSync(path, 'utf8'), file);
  if (!reading.buildspec) {
    throw new SlipwayError('BuildspecInvalid', `the buildspec ${file} is not valid`, {
      problems: reading.problems,
      hint: 'see https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html',
    });
  }
}
