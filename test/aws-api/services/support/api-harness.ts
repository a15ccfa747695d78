// A local account on a temporary home with its registry opened in-process (as `slipway up` opens
// it), and a way to call the AWS API handlers as the wire layer does: by service and operation,
// with the model's input shapes. Every answer is checked against the SDK v3's output shape
// before the test sees it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalAccount } from '../../../../src/local/account/index.js';
import type { ApiContext } from '../../../../src/local/aws-api/handler.js';
import { SERVICE_HANDLERS } from '../../../../src/local/aws-api/services/index.js';
import { openRegistry, type LocalRegistry } from '../../../../src/local/registry/index.js';
import { TestTasks } from './background-tasks.js';
import { outputShapeProblems } from './sdk-shapes.js';

/** What a handler test works with; call `dispose()` in afterEach. */
export interface ApiHarness {
  account: LocalAccount;
  registry: LocalRegistry;
  home: string;
  tasks: TestTasks;
  /** The context of one request (the account's own key, its region, this endpoint). */
  context(overrides?: Partial<ApiContext>): ApiContext;
  /** Calls one operation's handler; the answer must match the SDK's output shape. */
  call(service: string, operation: string, input?: Record<string, unknown>, overrides?: Partial<ApiContext>): Promise<Record<string, unknown>>;
  dispose(): Promise<void>;
}

/** The endpoint handlers are told the request came in on. */
export const TEST_ENDPOINT = 'http://127.0.0.1:4610';

/** Opens an account on a fresh temporary home. */
export function apiHarness(options: { env?: NodeJS.ProcessEnv } = {}): ApiHarness {
  const home = mkdtempSync(join(tmpdir(), 'slipway-aws-api-'));
  const account = new LocalAccount({ home, env: options.env });
  const registry = openRegistry({
    dataDir: account.layout.registry, requireAuth: false, maintenanceIntervalMs: 0, accountId: account.settings.accountId,
    region: account.settings.region,
  });
  const tasks = new TestTasks();
  const engine = account.pipelineEngine();
  let requests = 0;
  const context = (overrides: Partial<ApiContext> = {}): ApiContext => ({
    account, registry, tasks, engine, requestId: `test-request-${++requests}`, accessKeyId: account.settings.accessKeyId, region: account.settings.region, endpoint: TEST_ENDPOINT, ...overrides,
  });
  return {
    account, registry, home, tasks, context,
    async call(service, operation, input = {}, overrides) {
      const handler = SERVICE_HANDLERS[service]?.[operation];
      if (!handler) throw new Error(`no handler for ${service} ${operation}`);
      const output = await handler(input, context(overrides));
      const problems = outputShapeProblems(service, operation, output);
      if (problems.length > 0) throw new Error(`${service} ${operation} answered outside the SDK's shape:\n${problems.join('\n')}`);
      return output;
    },
    async dispose() {
      await tasks.stop();
      await engine.close();
      account.close();
      await registry.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
