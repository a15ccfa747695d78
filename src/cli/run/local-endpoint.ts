// `slipway deploy`, `status` and `destroy` pointed at the home's running `slipway up` (with
// --endpoint-url) sign with the local account's key and use its region, so that the same commands
// serve both places without exporting credentials first.
import type { AwsSettings } from '../../deploy/aws-settings.js';
import { homeOf, type CliContext, type GlobalOptions } from '../context.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `http://localhost:4610` and `http://127.0.0.1:4610` are the same endpoint. */
function sameEndpoint(a: string, b: string): boolean {
  const [left, right] = [new URL(a), new URL(b)];
  const host = (url: URL) => (LOOPBACK_NAMES.has(url.hostname) ? '127.0.0.1' : url.hostname);
  return left.protocol === right.protocol && left.port === right.port && host(left) === host(right);
}

/** The local account's key and region when `endpointUrl` is the running `up` of the command's home. */
export async function localEndpointSettings(ctx: CliContext, options: GlobalOptions, endpointUrl: string): Promise<Pick<AwsSettings, 'credentials' | 'region'> | undefined> {
  if (!LOOPBACK_NAMES.has(new URL(endpointUrl).hostname)) return undefined;
  const { readRunningUp } = await import('../../local/account/running-up.js');
  const home = homeOf(ctx, options);
  const running = readRunningUp(home);
  if (!running || !sameEndpoint(running.endpoint, endpointUrl)) return undefined;
  const { LocalAccount } = await import('../../local/account/index.js');
  const account = new LocalAccount({ home, env: ctx.env });
  try {
    const { accessKeyId, secretAccessKey, region } = account.settings;
    return { credentials: { accessKeyId, secretAccessKey }, region };
  } finally {
    account.close();
  }
}
