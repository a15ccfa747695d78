// What `slipway build` reads before a build starts: the image map, and the buildspec file, checked
// up front so that a broken buildspec is an input error (exit 2) and not a failed build.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { readBuildspec } from '../../local/codebuild/buildspec-parser.js';
import { BUILD_DEFAULTS } from '../../local/codebuild/request.js';
import { keyValuePairs } from '../flags.js';

const IMAGE_MAP_EXPECTED = 'a JSON object mapping CodeBuild images to local images, e.g. {"aws/codebuild/standard:7.0": "my/build-image:1"}';

/** Reads `<home>/codebuild/images.json`; a bad file is an input error naming it (exit 2). */
function imageMapFile(file: string): Record<string, string> {
  const invalid = (got: string, cause?: unknown) =>
    new SlipwayError('ImageMapInvalid', `${file}: expected ${IMAGE_MAP_EXPECTED}; ${got}`, { cause, hint: `fix or remove ${file}, or pass --image-map instead` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`it is not valid JSON (${(error as Error).message})`, error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(`got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`);
  for (const [image, local] of Object.entries(parsed)) {
    if (typeof local !== 'string') throw invalid(`the value of "${image}" is ${JSON.stringify(local)}, not an image name`);
  }
  return parsed as Record<string, string>;
}

/** The image map: the home's file, then --image-map flags over it. */
export function imageMap(file: string, flags: string[]): Record<string, string> {
  const fromFile = existsSync(file) ? imageMapFile(file) : {};
  return { ...fromFile, ...keyValuePairs(flags, '--image-map') };
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
