// ECR-style credentials: GetAuthorizationToken issues a password valid for 12 hours; clients send
// HTTP Basic with user `AWS` and that password. Only a SHA-256 of each password is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';
import { statement, type RegistryDatabase } from './database.js';

/** ECR's token lifetime. */
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
/** ECR's user name for registry logins. */
export const REGISTRY_USER = 'AWS';

/** A freshly issued credential. */
export interface IssuedToken {
  password: string;
  expiresAt: number;
}

/** The outcome of checking an Authorization header. */
export type AuthorizationCheck = { ok: true } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Issues and checks registry passwords. */
export class Authorizer {
  constructor(
    private readonly db: RegistryDatabase,
    private readonly clock: Clock,
    private readonly ttlMs: number = DEFAULT_TOKEN_TTL_MS,
  ) {}

  /** Issues a new password (and forgets passwords that expired). */
  issue(): IssuedToken {
    const password = randomBytes(48).toString('base64url');
    const expiresAt = this.clock.now() + this.ttlMs;
    statement(this.db, 'DELETE FROM authorization_tokens WHERE expires_at < ?').run(this.clock.now());
    statement(this.db, 'INSERT INTO authorization_tokens (password_sha256, expires_at) VALUES (?, ?)').run(fingerprint(password), expiresAt);
    return { password, expiresAt };
  }

  /** Checks an `Authorization: Basic ...` header value. */
  check(header: string | undefined): AuthorizationCheck {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    if (colon < 0 || !sameText(user, REGISTRY_USER)) return { ok: false, reason: 'invalid' };
    const row = statement(this.db, 'SELECT expires_at AS expiresAt FROM authorization_tokens WHERE password_sha256 = ?')
      .get(fingerprint(decoded.slice(colon + 1))) as { expiresAt: number } | undefined;
    if (!row) return { ok: false, reason: 'invalid' };
    return row.expiresAt > this.clock.now() ? { ok: true } : { ok: false, reason: 'expired' };
  }
}

function fingerprint(password: string): string {
  return createHash('sha256').update(password).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
