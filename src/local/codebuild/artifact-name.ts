// Artifact names as the file names they become locally. CodeBuild turns an artifact's `name`
// into an S3 key; slipway writes `<artifacts folder>/<name>.zip` (a secondary artifact's in
// `<identifier>/`), so a name must be one file name: `/` becomes `_` (as before), and a name
// with a control character, or longer than a file name can be, is refused with CLIENT_ERROR.

/** Linux file names are at most 255 bytes; `.zip` takes four of them. */
const MAX_NAME_BYTES = 255 - '.zip'.length;

/**
 * Secondary artifact identifiers, after CodePipeline's artifact names (`[a-zA-Z0-9_\-]+`, which a
 * CodeBuild action's outputs must match) and CodeBuild's identifiers (under 128 characters).
 */
const IDENTIFIER = /^[A-Za-z0-9_-]{1,128}$/;

/** Why a secondary artifact identifier cannot be one, or undefined when it is fine. */
export function identifierProblem(identifier: string): string | undefined {
  if (IDENTIFIER.test(identifier)) return undefined;
  return `"${identifier}" is not a valid artifact identifier: use 1 to 128 letters, digits, _ and - (it names a folder of the artifacts, and CodePipeline's output artifact)`;
}

/** An evaluated name as the file name it becomes, or why it cannot be one. */
export function artifactFileName(evaluated: string): { name: string } | { problem: string } {
  const name = evaluated.replace(/[/\\]/g, '_');
  const refuse = (why: string) => ({ problem: `the artifact name evaluates to ${JSON.stringify(name)}, which is not a valid file name: ${why}` });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return refuse('it holds a control character');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return refuse(`it is longer than ${MAX_NAME_BYTES} bytes`);
  return { name };
}
