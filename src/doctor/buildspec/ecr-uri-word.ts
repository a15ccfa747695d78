// ECR repository URIs written into commands: `<account>.dkr.ecr.<region>.amazonaws.com/<name>`
// (ECR user guide, "Private registry"; `.amazonaws.com.cn` in the China regions), possibly with
// a `:tag`. A part may be a number, a `$VARIABLE` or a `<placeholder>`.

const PART = String.raw`(?:[A-Za-z0-9_-]+|\$\{?\w+\}?|<+[^<>\s]+>+)`;
// The account, region and (optional) repository path, each a literal, variable or placeholder.
const URI = new RegExp(String.raw`(?<account>${PART})\.dkr\.ecr\.(?<region>${PART})\.amazonaws\.com(?:\.cn)?(?<path>/(?:[a-z0-9._/-]|\$\{?\w+\}?|<+[^<>\s]+>+)+)?`, 'g');

/** One ECR URI in a command. */
export interface EcrUri {
  text: string;
  index: number;
  account: string;
  region: string;
  /** The repository name (without the leading `/`), when the URI names one. */
  repository?: string;
}

/** Every ECR URI in a command, left to right. */
export function findEcrUris(command: string): EcrUri[] {
  return [...command.matchAll(URI)].map((match) => ({
    text: match[0],
    index: match.index,
    account: match.groups!.account!,
    region: match.groups!.region!,
    repository: match.groups!.path?.slice(1),
  }));
}

/** True when a part was written out by hand: no variable, no placeholder. */
export function isLiteral(part: string): boolean {
  return !/[$<]/.test(part);
}

/** What the template passes instead: the whole REPOSITORY_URI, or only its registry part. */
export function templateExpression(uri: EcrUri): string {
  return uri.repository === undefined ? '${REPOSITORY_URI%%/*}' : '$REPOSITORY_URI';
}
