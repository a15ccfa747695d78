// A test server that mounts the AWS gateway with the fake handlers on 127.0.0.1, the way `slipway
// up` mounts it, with a real account and registry (in a temporary home) as the handlers' context.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccount } from '../../../../src/local/account/index.js';
import { createAwsGateway, mountAwsGateway, type AwsApiEvent, type AwsGatewayOptions } from '../../../../src/local/aws-api/index.js';
import { openRegistry } from '../../../../src/local/registry/index.js';
import { fakeServices, type Received } from './fake-services.js';

/** The key the test clients sign with. */
export const TEST_KEY = { accessKeyId: 'AKIDSLIPWAYWIRE', secretAccessKey: 'wire-test-secret/with+signs' };

export interface WireServer {
  endpoint: string;
  port: number;
  received: Received[];
  events: AwsApiEvent[];
  close(): Promise<void>;
}

/** Starts the gateway with the fake handlers; `options` override the gateway's own. */
export async function startWireServer(options: Partial<AwsGatewayOptions> = {}): Promise<WireServer> {
  const home = mkdtempSync(join(tmpdir(), 'slipway-wire-'));
  const { account } = await openAccount({ home });
  const registry = openRegistry({ dataDir: account.layout.registry, requireAuth: false, maintenanceIntervalMs: 0 });
  const engine = account.pipelineEngine();
  const received: Received[] = [];
  const events: AwsApiEvent[] = [];
  const gateway = await createAwsGateway({
    keys: { [TEST_KEY.accessKeyId]: TEST_KEY.secretAccessKey },
    services: fakeServices(received),
    context: (request) => ({ ...request, account, registry, tasks: { run: (_name, work) => void work(new AbortController().signal) }, engine }),
    reporter: { emit: (event) => events.push(event) },
    ...options,
  });
  // The registry answers /v2/ as it does under `slipway up`; here a stand-in that names itself.
  const server = createServer((_req, res) => res.writeHead(200, { 'X-Served-By': 'registry' }).end());
  mountAwsGateway(server, gateway);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    received,
    events,
    async close() {
      await new Promise((closed) => {
        server.close(closed);
        server.closeAllConnections();
      });
      await registry.close();
      account.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
