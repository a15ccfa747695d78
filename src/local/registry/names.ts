// The names a client may put in a request: repository names, tags and digests. Everything that
// reaches the file system or SQLite passes through here first, so a name such as `../x`,
// `%2e%2e` or `/etc` never becomes a path.
import { isRepositoryName, REPOSITORY_NAME_LENGTH } from '../../ecr/repository-name.js';

/** The OCI distribution spec's tag rule: up to 128 characters. */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** The digest algorithms this registry can verify, with their hex length. */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** ECR's repository-name rule (src/ecr/repository-name.ts). */
export { isRepositoryName };

/** Why `name` is not a valid repository name, or undefined when it is. */
export function repositoryNameProblem(name: string): string | undefined {
  if (isRepositoryName(name)) return undefined;
  return (
    `repository name '${name}' must be ${REPOSITORY_NAME_LENGTH.min}-${REPOSITORY_NAME_LENGTH.max} characters of ` +
    `lowercase letters, digits and '.', '_', '-' or '/' between them, e.g. 'team/app'`
  );
}

/** True when `tag` is a valid image tag. */
export function isTag(tag: string): boolean {
  return TAG.test(tag);
}

/** True when `digest` is a well-formed digest of an algorithm this registry supports. */
export function isDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/** The algorithm and hex parts of a digest that passed isDigest. */
export function splitDigest(digest: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const [algorithm, hex] = digest.split(':') as ['sha256' | 'sha512', string];
  return { algorithm, hex };
}
