// Which local image stands in for a CodeBuild image (`aws/codebuild/standard:7.0` cannot be pulled
// offline): `<home>/codebuild/images.json`, a JSON object from CodeBuild image to local image.
import { existsSync, readFileSync } from 'node:fs';
import { SlipwayError } from '../../errors.js';

const EXPECTED = 'a JSON object mapping CodeBuild images to local images, e.g. {"aws/codebuild/standard:7.0": "my/build-image:1"}';

/** The image map in `file` (none when the file does not exist); a bad file is an input error naming it. */
export function readImageMap(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const invalid = (got: string, cause?: unknown) =>
    new SlipwayError('ImageMapInvalid', `${file}: expected ${EXPECTED}; ${got}`, { cause, hint: `fix or remove ${file}, or pass --image-map instead` });
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
