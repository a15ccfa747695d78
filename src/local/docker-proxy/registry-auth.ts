// The registry credentials docker sends with a push, a pull or a build: `X-Registry-Auth` (one
// base64url JSON AuthConfig with its `serveraddress`) and `X-Registry-Config` (a base64url JSON map
// of server address to AuthConfig). The docker CLI files credentials under the host the user typed
// (`docker login <account>.dkr.ecr...`), so their server address is rewritten to the engine's alias
// with the image names (Docker Engine API, "Authentication").
import type { EcrNames } from './ecr-names.js';

type AuthConfig = Record<string, unknown> & { serveraddress?: unknown };

function decode(value: string): unknown {
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function encode(value: unknown): string {
  // The CLI sends base64url with padding (Go's base64.URLEncoding); the engine reads both forms.
  return Buffer.from(JSON.stringify(value)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `X-Registry-Auth` with its server address moved to the alias when it names the ECR host; anything unreadable is left as it is. */
export function rewriteRegistryAuth(header: string, names: EcrNames): string {
  const auth = decode(header);
  if (!isRecord(auth) || typeof auth.serveraddress !== 'string') return header;
  const server = names.inboundServer(auth.serveraddress);
  return server === auth.serveraddress ? header : encode({ ...auth, serveraddress: server });
}

/** `X-Registry-Config` with an entry for the alias beside each entry for the ECR host. */
export function rewriteRegistryConfig(header: string, names: EcrNames): string {
  const config = decode(header);
  if (!isRecord(config)) return header;
  const added: Record<string, AuthConfig> = {};
  for (const [server, auth] of Object.entries(config)) {
    const alias = names.inboundServer(server);
    if (alias !== server && isRecord(auth)) added[alias] = { ...auth, serveraddress: alias };
  }
  return Object.keys(added).length === 0 ? header : encode({ ...config, ...added });
}
