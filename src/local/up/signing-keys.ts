// The keys AWS API requests to `slipway up` may be signed with: the account's own key (read anew
// for each request, so `slipway account rotate-key` counts at once) and the sessions AssumeRole
// handed out, while they last (an expired session's key is unknown, as STS forgets it).
import type { LocalAccount } from '../account/index.js';
import type { KeyLookup } from '../aws-api/index.js';
import { roleSessions } from '../aws-api/services/index.js';

/** The key lookup of one account. */
export function accountKeys(account: LocalAccount): KeyLookup {
  const sessions = roleSessions(account);
  return (accessKeyId) => {
    const secretAccessKey = account.secretOf(accessKeyId);
    if (secretAccessKey !== undefined) return { secretAccessKey };
    const session = sessions.find(accessKeyId);
    if (!session || session.expiration.getTime() <= Date.now()) return undefined;
    return { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
  };
}
