// Rules that tie one field of slipway.yml to another; the schema checks each field alone.
import { BUILD_ENVIRONMENT_VARIABLES } from './build-variables.js';
import type { ParsedConfig } from './schema.js';

/** A rule's finding: the path it is about and what is wrong there. */
export interface RuleFinding {
  path: (string | number)[];
  message: string;
}

/** Returns every cross-field problem of a parsed config (empty when it is consistent). */
export function checkRules(config: ParsedConfig): RuleFinding[] {
  return [...sourceRules(config), ...imageRules(config), ...buildRules(config)];
}

function sourceRules({ source }: ParsedConfig): RuleFinding[] {
  const found: RuleFinding[] = [];
  const at = (key: string, message: string) => found.push({ path: ['source', key], message });
  if (source.provider !== 'codecommit' && !source.owner) {
    at('provider', `provider '${source.provider}' needs source.owner (the GitHub user or organization)`);
  }
  if (source.provider === 'codecommit' && source.owner) {
    at('owner', "not used by provider 'codecommit': the repository lives in the stack's own account");
  }
  if (source.provider === 'connection' && source.trigger === 'polling') {
    // CodeStarSourceConnection actions detect changes through the connection; they cannot poll.
    at('trigger', "a connection source cannot poll: expected 'webhook' (push trigger) or 'none'");
  }
  if (source.provider === 'connection' && source.connectionProvider === 'GitHubEnterpriseServer' && !source.connectionArn) {
    // A GitHub Enterprise Server connection needs a host resource the template cannot create.
    at('connectionProvider', 'a GitHubEnterpriseServer connection cannot be created by the stack: create it in the console, then set source.connectionArn');
  }
  if (source.provider !== 'connection' && source.connectionArn) {
    at('connectionArn', `only used by provider 'connection', found provider '${source.provider}'`);
  }
  const tokenGiven = source.oauthToken.secret !== undefined || source.oauthToken.jsonKey !== undefined;
  if (source.provider !== 'github' && tokenGiven) {
    at('oauthToken', `only used by provider 'github', found provider '${source.provider}'`);
  }
  if (source.oauthToken.jsonKey !== undefined && source.oauthToken.secret === undefined) {
    found.push({ path: ['source', 'oauthToken', 'jsonKey'], message: 'needs source.oauthToken.secret (the Secrets Manager secret to read)' });
  }
  return found;
}

function imageRules({ image }: ParsedConfig): RuleFinding[] {
  const withExclusions = image.tagMutability.endsWith('_WITH_EXCLUSION');
  const exclusions = image.tagMutabilityExclusions ?? [];
  if (withExclusions && exclusions.length === 0) {
    return [{ path: ['image', 'tagMutability'], message: `${image.tagMutability} needs image.tagMutabilityExclusions (1 to 5 tag filters)` }];
  }
  if (!withExclusions && exclusions.length > 0) {
    return [{ path: ['image', 'tagMutabilityExclusions'], message: `only allowed with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, found ${image.tagMutability}` }];
  }
  return [];
}

function buildRules({ build }: ParsedConfig): RuleFinding[] {
  const reserved: readonly string[] = BUILD_ENVIRONMENT_VARIABLES;
  return Object.keys(build.environment)
    .filter((name) => reserved.includes(name))
    .map((name) => ({ path: ['build', 'environment', name], message: `${name} is set by the template itself (it points at the stack's own resources)` }));
}
