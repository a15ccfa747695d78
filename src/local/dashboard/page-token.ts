// The token each dashboard page carries for the requests that change something (start, stop,
// approve, ...). It is made when the page is served, as a random nonce signed with a key this
// process keeps in memory (HMAC-SHA256), so any page this `up` served can use its own token and
// no other site can make one: a foreign page can send a request to 127.0.0.1, but cannot read
// the dashboard's page to learn a token (OWASP's synchronizer-token pattern, stateless form).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header a page sends its token in; a custom header also keeps cross-origin forms out (they cannot set one). */
export const TOKEN_HEADER = 'x-slipway-token';

/** Issues and checks page tokens for one running dashboard. */
export class PageTokens {
  private readonly key = randomBytes(32);

  /** A new token for one page. */
  issue(): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${this.sign(nonce)}`;
  }

  /** True when `token` was issued by this dashboard (a restarted `up` has a new key: its old pages must be reloaded). */
  verify(token: string | undefined): boolean {
    const [nonce, mac, ...rest] = (token ?? '').split('.');
    if (!nonce || !mac || rest.length > 0) return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.key).update(nonce).digest('base64url');
  }
}
