// STS on the local account: GetCallerIdentity says who signed the request (the account's own key
// is the account's root user; a session key is its assumed role), and AssumeRole hands out
// temporary credentials the endpoint accepts (sts-sessions.ts). There is one local account, so
// only its own roles can be assumed; IAM policies are not evaluated locally.
import { partitionOf } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import type { LocalAccount } from '../../account/index.js';
import type { ApiContext } from '../handler.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';
import { RoleSessions } from './sts-sessions.js';

/** STS's errors (STS API reference). */
export const STS_ERRORS: ServiceErrors = {
  fallback: 'ValidationError',
  codes: { ValidationError: 400, AccessDenied: 403, InvalidClientTokenId: 403 },
};

/** AssumeRole's limits: RoleSessionName 2-64 of `[\w+=,.@-]`, DurationSeconds 900-43200, default 3600. */
const SESSION_NAME = { test: /^[\w+=,.@-]{2,64}$/, says: 'Member must satisfy regular expression pattern: [\\w+=,.@-]* (2 to 64 characters)' };
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

const sessions = new WeakMap<LocalAccount, RoleSessions>();

/** The account's AssumeRole sessions (one store per open account), for the wire layer's signature checks too. */
export function roleSessions(account: LocalAccount): RoleSessions {
  let found = sessions.get(account);
  if (!found) sessions.set(account, (found = new RoleSessions(account.db)));
  return found;
}

/** Who signed a request: the account's root user for its own key, else the assumed role's session. */
export function callerIdentity(ctx: Pick<ApiContext, 'account' | 'accessKeyId'>): { UserId: string; Account: string; Arn: string } {
  const { accountId, region } = ctx.account.settings;
  // The key is read anew: `slipway account rotate-key` may have replaced it while up runs.
  if (ctx.account.secretOf(ctx.accessKeyId) !== undefined) return { UserId: accountId, Account: accountId, Arn: `arn:${partitionOf(region)}:iam::${accountId}:root` };
  const session = roleSessions(ctx.account).find(ctx.accessKeyId);
  if (!session) throw new SlipwayError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  return { UserId: session.assumedRoleId, Account: accountId, Arn: session.arn };
}

/** STS's operations, by name. */
export const stsHandlers = withServiceErrors({
  GetCallerIdentity: (_input, ctx) => callerIdentity(ctx),
  AssumeRole: (input, ctx) => {
    const reader = new OperationInput(input, STS_ERRORS.fallback);
    const roleArn = reader.string('RoleArn');
    const sessionName = reader.string('RoleSessionName', SESSION_NAME);
    const durationSeconds = reader.optionalInteger('DurationSeconds', 900, 43200) ?? 3600;
    const { accountId, region } = ctx.account.settings;
    const match = ROLE_ARN.exec(roleArn);
    if (!match) throw reader.invalid('RoleArn', roleArn, 'Member must be the ARN of an IAM role (arn:aws:iam::<account>:role/<name>)');
    if (match[1] !== accountId) {
      throw new SlipwayError('AccessDenied', `User: arn:${partitionOf(region)}:iam::${accountId}:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn} (the local account is ${accountId})`);
    }
    const session = roleSessions(ctx.account).issue({ roleArn, sessionName, durationSeconds, accountId, partition: partitionOf(region) });
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
      AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.arn },
    };
  },
}, STS_ERRORS);
