// cdk-nag's AwsSolutions pack finds nothing unacknowledged in any template slipway emits, and
// every acknowledgement carries a reason (issue 2, "How it is checked").
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { addConfigPipeline, addGenericPipeline, createTemplateApp } from '../../src/synth/index.js';
import { acknowledgements, runAwsSolutions } from './nag-run.js';
import { allVariants, configOf } from './variants.js';

const reasons = new Map<string, string>();

describe('cdk-nag AwsSolutions', () => {
  it('reports a bare bucket, so a clean result means the pack ran', () => {
    const app = createTemplateApp('canary');
    new CfnBucket(app.stack, 'Bare', {});
    expect(runAwsSolutions(app).map((v) => v.rule)).toContain('AwsSolutions-S1');
  });

  it.each(allVariants().map((variant) => [variant.name, variant] as const))('finds nothing unacknowledged in %s', (_name, variant) => {
    const app = createTemplateApp(variant.name);
    addConfigPipeline(app.stack, configOf(variant));
    for (const [id, reason] of acknowledgements(app.app)) reasons.set(id, reason);
    expect(runAwsSolutions(app)).toEqual([]);
  });

  it('finds nothing unacknowledged in the generic template', () => {
    const app = createTemplateApp('generic');
    addGenericPipeline(app.stack);
    for (const [id, reason] of acknowledgements(app.app)) reasons.set(id, reason);
    expect(runAwsSolutions(app)).toEqual([]);
  });

  it('gives every acknowledged finding a reason of at least one full sentence', () => {
    expect(reasons.size).toBeGreaterThan(0);
    for (const [id, reason] of reasons) expect(reason, id).toMatch(/^[A-Z`a-z].{60,}\.$/s);
  });
});
