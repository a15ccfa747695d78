// The same deploy → no changes → destroy cycle against a real AWS account. Opt-in only: it
// creates (and then deletes) an S3 bucket and an ECR repository, which needs credentials and
// may cost cents. Set SLIPWAY_AWS_TEST_PROFILE=<profile> (and optionally SLIPWAY_AWS_TEST_REGION)
// to run it; without it, the suite is reported as skipped and says why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { awsApis, deploy, destroy } from '../../src/deploy/index.js';
import { systemClock } from '../../src/deploy/clock.js';
import { readTemplate } from '../../src/deploy/template-document.js';
import type { DeployEvent, FlowContext } from '../../src/deploy/index.js';

const profile = process.env.SLIPWAY_AWS_TEST_PROFILE;
const region = process.env.SLIPWAY_AWS_TEST_REGION ?? 'us-east-1';
if (!profile) console.info('real AWS deploy test skipped: set SLIPWAY_AWS_TEST_PROFILE=<profile> to run it against a real account');

describe.skipIf(!profile)('against a real AWS account (opt-in: SLIPWAY_AWS_TEST_PROFILE)', () => {
  it('creates, reports no changes, then destroys', { timeout: 15 * 60_000 }, async () => {
    const env = `t${randomBytes(4).toString('hex')}`;
    const stackName = `slipway-test-${env}`;
    const events: DeployEvent[] = [];
    const context: FlowContext = {
      apis: awsApis({ profile, region }),
      clock: systemClock,
      reporter: { emit: (event) => events.push(event) },
      confirm: async () => true,
      poll: { intervalMs: 5000, maxIntervalMs: 60_000 },
    };
    const file = join(import.meta.dirname, 'fixtures', 'pipeline-v1.yml');
    const request = { stackName, template: readTemplate({ file, text: readFileSync(file, 'utf8') }), parameters: { Env: env }, tags: {}, waitForConnection: false };
    try {
      expect((await deploy(request, context)).status).toBe('created');
      expect((await deploy(request, context)).status).toBe('unchanged');
    } finally {
      expect((await destroy({ stackName, deleteImages: true }, context)).status).toBe('deleted');
    }
  });
});
