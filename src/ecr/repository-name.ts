// ECR's repository-name rule, in one place for slipway.yml, the generated template's parameter,
// the local stack engine and the local registry. ECR API reference, CreateRepository
// `repositoryName`: 2 to 256 characters of lowercase path components; ECR Public's
// CreateRepository takes the same pattern with at most 205 characters.

/** The pattern, without anchors (as the ECR API reference writes it). */
export const REPOSITORY_NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
/** The whole-name regular expression. */
export const REPOSITORY_NAME = new RegExp(`^${REPOSITORY_NAME_PATTERN}$`);
/** ECR accepts 2 to 256 characters. */
export const REPOSITORY_NAME_LENGTH = { min: 2, max: 256 } as const;
/** ECR Public accepts 2 to 205 characters. */
export const PUBLIC_REPOSITORY_NAME_LENGTH = { min: 2, max: 205 } as const;

/** True when `name` is a valid ECR (private) repository name. */
export function isRepositoryName(name: string): boolean {
  return name.length >= REPOSITORY_NAME_LENGTH.min && name.length <= REPOSITORY_NAME_LENGTH.max && REPOSITORY_NAME.test(name);
}
