// ECR URIs written into the buildspec by hand (the recipe's weak point 3: the URI pasted in
// after the stack exists). One that names another repository, account or region than the
// template's pushes somewhere the build role may not: the template grants ecr:PutImage and the
// other push actions on its own repository only (src/synth/constructs/docker-build-project.ts,
// statement EcrPushPull).
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { commandFinding } from './command-finding.js';
import type { BuildspecContext } from './context.js';
import { findEcrUris, isLiteral, templateExpression, type EcrUri } from './ecr-uri-word.js';

/** Findings for hand-written ECR URIs that do not match the template's repository, account or region. */
export function ecrUriFindings(document: BuildspecDocument, context: BuildspecContext): Finding[] {
  return document.commands.flatMap((site) =>
    findEcrUris(site.value)
      // URIs made of placeholders are the placeholder check's.
      .filter((uri) => !uri.text.includes('<'))
      .flatMap((uri) => {
        const differences = mismatches(uri, context);
        if (differences.length === 0) return [];
        return [
          commandFinding(document, site, uri.text, uri.index, {
            check: 'buildspec.ecr-uri',
            severity: 'error',
            message: `${uri.text} was written by hand and does not match the template's repository: ${differences.join('; ')}. The build role may push only to the template's repository`,
            fix: `write ${templateExpression(uri)} instead: the template passes REPOSITORY_URI to the build`,
          }),
        ];
      }),
  );
}

/** What differs between a URI's literal parts and the stack; parts that are variables, or facts that are unknown, are not compared. */
function mismatches(uri: EcrUri, context: BuildspecContext): string[] {
  const found: string[] = [];
  if (context.account && isLiteral(uri.account) && uri.account !== context.account) found.push(`account ${uri.account} is not the account slipway.yml names`);
  if (context.region && isLiteral(uri.region) && uri.region !== context.region) found.push(`region ${uri.region} is not the region slipway deploys to`);
  if (context.repositoryName && uri.repository !== undefined && isLiteral(uri.repository) && uri.repository !== context.repositoryName) {
    found.push(`repository ${uri.repository} is not the template's repository ${context.repositoryName}`);
  }
  return found;
}
