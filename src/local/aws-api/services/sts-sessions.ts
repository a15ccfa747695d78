// The temporary credentials AssumeRole hands out: kept in the account's state database, so that
// the wire layer of any slipway process on the home can check a request signed with them, and
// GetCallerIdentity can say whose they are. As in STS, a session key id starts with ASIA and
// comes with a session token; a session lasts DurationSeconds (AssumeRole API reference).
import { createHash, randomBytes } from 'node:crypto';
import type { StateDatabase } from '../../state/index.js';

/** One session of an assumed role. */
export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  sessionName: string;
  /** `AROA…:<session name>`: the role's unique id and the session. */
  assumedRoleId: string;
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`. */
  arn: string;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

// The table is the endpoint's own, made when first used (`IF NOT EXISTS`), like the registry's files.
const TABLE = `CREATE TABLE IF NOT EXISTS sts_sessions (
  access_key_id TEXT PRIMARY KEY, secret_access_key TEXT NOT NULL, session_token TEXT NOT NULL, expiration TEXT NOT NULL,
  role_arn TEXT NOT NULL, session_name TEXT NOT NULL, assumed_role_id TEXT NOT NULL, arn TEXT NOT NULL)`;

/** The sessions of one account. */
export class RoleSessions {
  constructor(private readonly db: StateDatabase) {
    db.exec(TABLE);
  }

  /** A new session of `roleArn` (`arn:…:iam::<account>:role/<path/>name`) lasting `durationSeconds`. */
  issue(input: { roleArn: string; sessionName: string; durationSeconds: number; accountId: string; partition: string }): RoleSession {
    const roleName = input.roleArn.slice(input.roleArn.lastIndexOf('/') + 1);
    const session: RoleSession = {
      accessKeyId: `ASIA${randomText(16, KEY_ALPHABET)}`,
      secretAccessKey: randomText(40, SECRET_ALPHABET),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(Math.floor(Date.now() / 1000) * 1000 + input.durationSeconds * 1000),
      roleArn: input.roleArn,
      sessionName: input.sessionName,
      assumedRoleId: `${roleId(input.roleArn)}:${input.sessionName}`,
      arn: `arn:${input.partition}:sts::${input.accountId}:assumed-role/${roleName}/${input.sessionName}`,
    };
    this.db.prepare('DELETE FROM sts_sessions WHERE expiration < ?').run(new Date().toISOString());
    this.db.prepare('INSERT INTO sts_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      session.accessKeyId, session.secretAccessKey, session.sessionToken, session.expiration.toISOString(), session.roleArn,
      session.sessionName, session.assumedRoleId, session.arn);
    return session;
  }

  /** The session of a key id, expired or not (the caller decides: STS answers ExpiredToken), or undefined. */
  find(accessKeyId: string): RoleSession | undefined {
    const row = this.db.prepare('SELECT * FROM sts_sessions WHERE access_key_id = ?').get(accessKeyId) as Record<string, string> | undefined;
    if (!row) return undefined;
    return {
      accessKeyId: row.access_key_id!, secretAccessKey: row.secret_access_key!, sessionToken: row.session_token!, expiration: new Date(row.expiration!),
      roleArn: row.role_arn!, sessionName: row.session_name!, assumedRoleId: row.assumed_role_id!, arn: row.arn!,
    };
  }
}

// A role's unique id is stable: the same role always has the same AROA… id.
function roleId(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  return `AROA${[...digest.subarray(0, 17)].map((byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('')}`;
}

function randomText(length: number, alphabet: string): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
