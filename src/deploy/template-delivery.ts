// How the template reaches CloudFormation: inline as TemplateBody, or uploaded to S3 and passed as
// TemplateURL. CloudFormation quotas: a TemplateBody in CreateChangeSet or ValidateTemplate holds
// at most 51,200 bytes; a template in an S3 object at most 1 MB (1,000,000 bytes). The plan is
// pure and made before any AWS call, so a template that cannot be sent fails at once; the upload
// is a separate step.
import { createHash } from 'node:crypto';
import { SlipwayError } from '../errors.js';
import type { TemplateArgument } from './cloudformation.js';
import { emit, type FlowContext } from './flow-context.js';
import type { TemplateText } from './template-location.js';

/** TemplateBody's quota in CreateChangeSet and ValidateTemplate: 51,200 bytes (CloudFormation quotas). */
export const TEMPLATE_BODY_LIMIT = 51_200;

/**
 * The quota for a template in an S3 object passed as TemplateURL: "1 MB" in the quotas table, a
 * decimal megabyte in practice: CloudFormation answers a larger one with "Template may not exceed
 * 1000000 bytes in size." (a template of 1,048,576 bytes is refused). Reading it as 1 MiB would
 * pass templates AWS refuses, after the upload.
 */
export const TEMPLATE_URL_LIMIT = 1_000_000;

/** Where to upload the template; absent: inline TemplateBody (the default). */
export interface TemplateBucket {
  /** `--s3-bucket`: an existing bucket, in the stack's region. */
  bucket: string;
  /** `--s3-prefix`: a folder for the templates (default: none, the bucket's top level). */
  prefix?: string;
}

/** The plan: send the text inline, or put it at this S3 object first. */
export type TemplateDelivery = { kind: 'inline'; bytes: number } | { kind: 's3'; bytes: number; bucket: string; key: string };

// Only what no bucket name ever held is refused here: an empty name, a "/" (a folder, or an s3://
// or https:// URL) and a ":" (a URL or an ARN). Today's rules (S3 user guide, "Bucket naming
// rules": 3-63 lowercase letters, digits, dots, hyphens) are not applied: buckets made in
// us-east-1 before March 2018 may have uppercase letters, underscores and up to 255 characters,
// and still exist. For any other name S3 itself answers.
const NOT_A_BUCKET_NAME = /^$|[/:]/;

/** The template's size as CloudFormation counts it: UTF-8 bytes, not characters. */
export function templateBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Decides how the template is sent; refuses, before any AWS call, a template CloudFormation would refuse. */
export function planTemplateDelivery(template: TemplateText, target: TemplateBucket | undefined): TemplateDelivery {
  const bytes = templateBytes(template.text);
  if (bytes > TEMPLATE_URL_LIMIT) {
    throw new SlipwayError('TemplateTooLargeForS3', `${template.file} is ${bytes} bytes; CloudFormation reads at most ${TEMPLATE_URL_LIMIT} bytes (1 MB) from S3, and ${TEMPLATE_BODY_LIMIT} inline`, {
      hint: 'split the template into nested stacks (AWS::CloudFormation::Stack), or drop what CloudFormation does not need (Metadata, long descriptions)',
    });
  }
  if (!target) {
    if (bytes <= TEMPLATE_BODY_LIMIT) return { kind: 'inline', bytes };
    throw new SlipwayError('TemplateTooLarge', `${template.file} is ${bytes} bytes; CloudFormation takes at most ${TEMPLATE_BODY_LIMIT} bytes inline (TemplateBody), larger templates must come from S3`, {
      hint: 'pass --s3-bucket BUCKET (an existing bucket in the stack\'s region) so slipway uploads the template and deploys it from there',
    });
  }
  if (NOT_A_BUCKET_NAME.test(target.bucket)) {
    throw new SlipwayError('Usage', `--s3-bucket expects an S3 bucket name, found "${target.bucket}"`, {
      hint: 'the bucket\'s name alone, e.g. --s3-bucket my-templates: no s3:// or ARN, and no folder (use --s3-prefix for that)',
    });
  }
  return { kind: 's3', bytes, bucket: target.bucket, key: templateKey(template.text, target.prefix) };
}

/** `<prefix>/<sha256 of the text>.template`: the same text always lands at the same key, so it is uploaded once. */
export function templateKey(text: string, prefix: string | undefined): string {
  const name = `${createHash('sha256').update(text, 'utf8').digest('hex')}.template`;
  const folder = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return folder ? `${folder}/${name}` : name;
}

/** Carries out the plan: uploads the template unless that object already exists; returns what to pass CloudFormation. */
export async function deliverTemplate(delivery: TemplateDelivery, template: TemplateText, context: FlowContext): Promise<TemplateArgument> {
  if (delivery.kind === 'inline') return { templateBody: template.text };
  const { bucket, key, bytes } = delivery;
  const s3 = context.apis.s3;
  // Content-addressed: an object already at this key holds this very text.
  const present = await s3.objectExists(bucket, key);
  if (!present) await s3.putObject(bucket, key, template.text);
  const templateUrl = await s3.objectUrl(bucket, key);
  emit(context, 'template.uploaded', { bucket, key, bytes, url: templateUrl, skipped: present });
  return { templateUrl };
}
