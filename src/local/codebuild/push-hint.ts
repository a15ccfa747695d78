// What to say when a build's `docker push` fails because the repository does not exist. ECR
// answers NAME_UNKNOWN ("The repository with name 'x' does not exist in the registry with id
// 'y'"), and docker prints it without a hint; locally the repository is made by `slipway
// registry --repository NAME` or by a stack that declares an AWS::ECR::Repository (issue 17).

const REPOSITORY = /repository with name '([^']+)' does not exist/;
const NAME_UNKNOWN = /name unknown|NAME_UNKNOWN/i;

/** The hint to log after a failed command, or undefined when it was no push to a missing repository. */
export function missingRepositoryHint(command: string, output: string): string | undefined {
  if (!NAME_UNKNOWN.test(output)) return undefined;
  if (!/\bpush\b/.test(command) && !output.includes('The push refers to repository')) return undefined;
  const name = REPOSITORY.exec(output)?.[1];
  const which = name ? `the repository ${name}` : 'the repository';
  const flag = name ?? 'NAME';
  return `docker push failed with NAME_UNKNOWN: ${which} does not exist in the registry. Create it locally with \`slipway registry --repository ${flag}\`, or with a stack that declares an AWS::ECR::Repository${name ? ` named ${name}` : ''}`;
}
