// The local account's settings, kept in the home's state database so that every command on the
// home agrees on them without flags: the account id and region every ARN and ECR hostname is
// built from, the local access key (made with the home), where RepositoryUri points, and how
// many builds each project keeps. Every default is stated here, once.
import { randomBytes } from 'node:crypto';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import { SlipwayError } from '../../errors.js';
import type { Migration, StateDatabase } from '../state/index.js';

/** The account's settings. */
export interface AccountSettings {
  /** The 12-digit account id; default 000000000000. */
  accountId: string;
  /** The one local region; default us-east-1. */
  region: string;
  /** The local access key id, `AKIA` and 16 characters, made with the home. */
  accessKeyId: string;
  /** Its secret: 40 characters, made with the home, never printed except where a command says so. */
  secretAccessKey: string;
  /** `host:port` that RepositoryUri points at; unset: where the registry last listened, else 127.0.0.1:5000. */
  registryEndpoint?: string;
  /** How many recorded builds (with their logs) each project keeps; default 100. */
  buildsKept: number;
}

/** Settings a user may change with `slipway account set`, and how each is checked. */
export const SETTABLE: Record<string, { describe: string; check: (value: string) => string | undefined }> = {
  accountId: { describe: 'a 12-digit account id', check: (value) => (/^\d{12}$/.test(value) ? undefined : 'must be 12 digits') },
  region: { describe: 'a region such as eu-west-1', check: (value) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(value) ? undefined : 'must look like us-east-1') },
  registryEndpoint: { describe: 'host:port of the registry', check: (value) => (/^[\w.-]+:\d{1,5}$/.test(value) ? undefined : 'must be host:port') },
  buildsKept: { describe: 'builds kept per project (1-100000)', check: (value) => (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100_000 ? undefined : 'must be a whole number from 1 to 100000') },
};

/** The settings table. */
export const ACCOUNT_MIGRATIONS: Migration[] = [
  { id: 'account-0001-settings', sql: 'CREATE TABLE IF NOT EXISTS account_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)' },
];

const DEFAULTS = { accountId: DEFAULT_ACCOUNT_ID, region: DEFAULT_REGION, buildsKept: '100' };
const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

function randomText(length: number, alphabet: string): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function writeNewKey(db: StateDatabase, verb: 'INSERT OR IGNORE' | 'INSERT OR REPLACE'): void {
  const write = db.prepare(`${verb} INTO account_settings (key, value) VALUES (?, ?)`);
  db.transaction(() => {
    write.run('accessKeyId', `AKIA${randomText(16, KEY_ID_ALPHABET)}`);
    write.run('secretAccessKey', randomText(40, SECRET_ALPHABET));
  }).immediate();
}

/** Replaces the access key; the old one stops working at once, also in a running `up`. */
export function rotateAccessKey(db: StateDatabase): void {
  writeNewKey(db, 'INSERT OR REPLACE');
}

/** The secret of `accessKeyId` while it is the account's key (read anew, so a rotation counts at once). */
export function secretOf(db: StateDatabase, accessKeyId: string): string | undefined {
  const rows = db.prepare("SELECT key, value FROM account_settings WHERE key IN ('accessKeyId', 'secretAccessKey')").all() as { key: string; value: string }[];
  const key = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  return key.accessKeyId === accessKeyId ? key.secretAccessKey : undefined;
}

/** Reads the settings, making the access key the first time a home is opened. */
export function loadSettings(db: StateDatabase): AccountSettings {
  // INSERT OR IGNORE: of two processes opening a new home at once, both end up with the first key.
  writeNewKey(db, 'INSERT OR IGNORE');
  const stored = Object.fromEntries((db.prepare('SELECT key, value FROM account_settings').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
  const values: Record<string, string | undefined> = { ...DEFAULTS, ...stored };
  return {
    accountId: values.accountId!,
    region: values.region!,
    accessKeyId: values.accessKeyId!,
    secretAccessKey: values.secretAccessKey!,
    registryEndpoint: values.registryEndpoint,
    buildsKept: Number(values.buildsKept),
  };
}

/** Changes settings after checking every value, all or nothing; an empty value goes back to the default. */
export function changeSettings(db: StateDatabase, changes: Record<string, string>): void {
  const problems = Object.entries(changes).flatMap(([key, value]) => {
    const rule = Object.hasOwn(SETTABLE, key) ? SETTABLE[key] : undefined;
    if (!rule) return [{ path: key, message: `is not a setting; settable: ${Object.keys(SETTABLE).join(', ')}` }];
    const problem = value === '' ? undefined : rule.check(value);
    return problem ? [{ path: key, message: `${problem} (${rule.describe}), got '${value}'` }] : [];
  });
  if (problems.length > 0) throw new SlipwayError('InvalidSetting', 'the account settings were not changed', { problems, hint: 'e.g. slipway account set region=eu-west-1' });
  const put = db.prepare('INSERT OR REPLACE INTO account_settings (key, value) VALUES (?, ?)');
  const unset = db.prepare('DELETE FROM account_settings WHERE key = ?');
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') unset.run(key);
      else put.run(key, value);
    }
  })();
}
