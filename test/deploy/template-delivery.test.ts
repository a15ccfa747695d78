// How a template reaches CloudFormation, decided before any AWS call: inline up to 51,200 bytes,
// from S3 up to 1 MB (1,000,000 bytes) with --s3-bucket, refused otherwise. Sizes are UTF-8 bytes, as AWS counts them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { thrownSlipwayError } from '../support/thrown.js';
import { planTemplateDelivery, templateBytes, templateKey, TEMPLATE_BODY_LIMIT, TEMPLATE_URL_LIMIT } from '../../src/deploy/template-delivery.js';

/** A YAML template of exactly `bytes` bytes, padded in its Description with `pad` (one or more bytes per character). */
function templateOf(bytes: number, pad = 'x'): { file: string; text: string } {
  const head = 'Description: ';
  const tail = '\nResources: {}\n';
  const room = bytes - templateBytes(head + tail);
  const unit = templateBytes(pad);
  const text = head + pad.repeat(Math.floor(room / unit)) + 'x'.repeat(room % unit) + tail;
  expect(templateBytes(text)).toBe(bytes);
  return { file: 'big.yml', text };
}


describe('planTemplateDelivery', () => {
  it('sends a template of up to 51,200 bytes inline', () => {
    expect(planTemplateDelivery(templateOf(TEMPLATE_BODY_LIMIT), undefined)).toEqual({ kind: 'inline', bytes: 51_200 });
  });

  it('refuses a template one byte over 51,200 without --s3-bucket, naming the size, the quota and the flag', () => {
    const error = thrownSlipwayError(() => planTemplateDelivery(templateOf(TEMPLATE_BODY_LIMIT + 1), undefined));
    expect(error.code).toBe('TemplateTooLarge');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('big.yml is 51201 bytes; CloudFormation takes at most 51200 bytes inline (TemplateBody), larger templates must come from S3');
    expect(error.hint).toMatch(/--s3-bucket BUCKET/);
  });

  it('counts bytes, not characters: 20,000 three-byte characters are over the inline quota', () => {
    const text = `Description: ${'€'.repeat(20_000)}\nResources: {}\n`;
    expect(text.length).toBeLessThan(TEMPLATE_BODY_LIMIT);
    expect(templateBytes(text)).toBe(60_028);
    expect(thrownSlipwayError(() => planTemplateDelivery({ file: 'euro.yml', text }, undefined)).message).toMatch(/^euro\.yml is 60028 bytes;/);
  });

  it('counts bytes at the exact edge: 51,200 bytes of two-byte characters pass, one more byte does not', () => {
    expect(planTemplateDelivery(templateOf(TEMPLATE_BODY_LIMIT, 'é'), undefined).kind).toBe('inline');
    expect(thrownSlipwayError(() => planTemplateDelivery(templateOf(TEMPLATE_BODY_LIMIT + 1, 'é'), undefined)).code).toBe('TemplateTooLarge');
  });

  it('puts the template in the bucket, at a key named for its SHA-256, whatever its size, when --s3-bucket is given', () => {
    const small = templateOf(1000);
    const sha = createHash('sha256').update(small.text).digest('hex');
    expect(planTemplateDelivery(small, { bucket: 'my-templates' })).toEqual({ kind: 's3', bytes: 1000, bucket: 'my-templates', key: `${sha}.template` });
    expect(planTemplateDelivery(small, { bucket: 'my-templates', prefix: '/slipway/app/' })).toMatchObject({ key: `slipway/app/${sha}.template` });
    expect(planTemplateDelivery(templateOf(TEMPLATE_URL_LIMIT), { bucket: 'my-templates' }).kind).toBe('s3');
  });

  it('takes 1 MB as 1,000,000 bytes, the number in AWS\'s refusal ("Template may not exceed 1000000 bytes in size.")', () => {
    expect(TEMPLATE_URL_LIMIT).toBe(1_000_000);
    expect(planTemplateDelivery(templateOf(1_000_000), { bucket: 'my-templates' }).kind).toBe('s3');
    // 1 MiB, which AWS refuses, is refused here before the upload.
    expect(thrownSlipwayError(() => planTemplateDelivery(templateOf(1_048_576), { bucket: 'my-templates' })).code).toBe('TemplateTooLargeForS3');
  });

  it('refuses a template one byte over 1,000,000 even with --s3-bucket: S3 does not help there', () => {
    for (const bucket of [undefined, { bucket: 'my-templates' }]) {
      const error = thrownSlipwayError(() => planTemplateDelivery(templateOf(TEMPLATE_URL_LIMIT + 1), bucket));
      expect(error.code).toBe('TemplateTooLargeForS3');
      expect(error.message).toBe('big.yml is 1000001 bytes; CloudFormation reads at most 1000000 bytes (1 MB) from S3, and 51200 inline');
      expect(error.hint).toMatch(/nested stacks/);
    }
  });

  it('counts bytes at the S3 edge too: 1,000,000 bytes of three-byte characters pass, one more byte does not', () => {
    expect(planTemplateDelivery(templateOf(TEMPLATE_URL_LIMIT, '€'), { bucket: 'my-templates' }).kind).toBe('s3');
    expect(thrownSlipwayError(() => planTemplateDelivery(templateOf(TEMPLATE_URL_LIMIT + 1, '€'), { bucket: 'my-templates' })).code).toBe('TemplateTooLargeForS3');
  });

  it('refuses an --s3-bucket that is not a bucket name, such as an s3:// URL', () => {
    const error = thrownSlipwayError(() => planTemplateDelivery(templateOf(100), { bucket: 's3://my-templates/slipway' }));
    expect(error.code).toBe('Usage');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('--s3-bucket expects an S3 bucket name, found "s3://my-templates/slipway"');
    expect(error.hint).toMatch(/--s3-prefix/);
  });

  it('refuses what no bucket name ever held: empty, a folder, a URL, an ARN', () => {
    for (const bucket of ['', 'my-templates/slipway', 's3://my-templates', 'https://my-templates.s3.amazonaws.com', 'arn:aws:s3:::my-templates']) {
      expect(thrownSlipwayError(() => planTemplateDelivery(templateOf(100), { bucket })).message).toBe(`--s3-bucket expects an S3 bucket name, found "${bucket}"`);
    }
  });

  it('takes a legacy us-east-1 bucket name (uppercase, underscores, up to 255 characters) and leaves other names to S3', () => {
    for (const bucket of ['My_Templates', `legacy-${'a'.repeat(248)}`, 'ab', 'templates.example.com']) {
      expect(planTemplateDelivery(templateOf(100), { bucket })).toMatchObject({ kind: 's3', bucket });
    }
  });
});

describe('templateKey', () => {
  it('is the same for the same text and differs for any other text', () => {
    expect(templateKey('a', 'p')).toBe(templateKey('a', 'p/'));
    expect(templateKey('a', undefined)).not.toBe(templateKey('b', undefined));
    expect(templateKey('a', undefined)).toMatch(/^[0-9a-f]{64}\.template$/);
  });
});
