// The TemplateURL slipway gives CloudFormation for an uploaded template: the address S3 serves the
// object at, as the SDK's own endpoint rules build it. Computed only; no request is made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SdkS3 } from '../../src/deploy/s3.js';
import { useFakeAwsCredentials } from './support/moto.js';

// Nothing from this machine's AWS configuration (a profile's use_fips_endpoint) or environment.
useFakeAwsCredentials();
const saved = { fips: process.env.AWS_USE_FIPS_ENDPOINT, dualstack: process.env.AWS_USE_DUALSTACK_ENDPOINT };
beforeEach(() => {
  delete process.env.AWS_USE_FIPS_ENDPOINT;
  delete process.env.AWS_USE_DUALSTACK_ENDPOINT;
});
afterEach(() => {
  for (const [name, value] of [['AWS_USE_FIPS_ENDPOINT', saved.fips], ['AWS_USE_DUALSTACK_ENDPOINT', saved.dualstack]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const url = (settings: { region: string; endpointUrl?: string }, bucket: string, key: string) => new SdkS3(settings).objectUrl(bucket, key);

describe('the URL of an uploaded template', () => {
  it('is virtual-hosted on AWS, at the S3 endpoint of the client\'s region (--region), where the bucket is expected to be', async () => {
    expect(await url({ region: 'eu-west-1' }, 'my-templates', 'slipway/abc.template')).toBe('https://my-templates.s3.eu-west-1.amazonaws.com/slipway/abc.template');
  });

  it('is path-style for a bucket name with dots, which cannot be a DNS label under S3\'s https certificate', async () => {
    expect(await url({ region: 'us-east-1' }, 'templates.example.com', 'abc.template')).toBe('https://s3.us-east-1.amazonaws.com/templates.example.com/abc.template');
  });

  it('is path-style for a legacy bucket name with uppercase letters or underscores, which is no DNS label', async () => {
    expect(await url({ region: 'us-east-1' }, 'My_Templates', 'abc.template')).toBe('https://s3.us-east-1.amazonaws.com/My_Templates/abc.template');
  });

  it('uses the partition\'s domain, e.g. amazonaws.com.cn in China', async () => {
    expect(await url({ region: 'cn-north-1' }, 'my-templates', 'abc.template')).toBe('https://my-templates.s3.cn-north-1.amazonaws.com.cn/abc.template');
  });

  it('points at --endpoint-url, path-style, so a local endpoint can serve it', async () => {
    expect(await url({ region: 'us-east-1', endpointUrl: 'http://localhost:5000' }, 'my-templates', 'a b/abc.template')).toBe('http://localhost:5000/my-templates/a%20b/abc.template');
  });
});

describe('the URL of an uploaded template with FIPS or dual-stack endpoints', () => {
  it('names the FIPS host when AWS_USE_FIPS_ENDPOINT is true, as the upload itself does', async () => {
    process.env.AWS_USE_FIPS_ENDPOINT = 'true';
    expect(await url({ region: 'us-east-1' }, 'my-templates', 'abc.template')).toBe('https://my-templates.s3-fips.us-east-1.amazonaws.com/abc.template');
  });

  it('names the dual-stack host when AWS_USE_DUALSTACK_ENDPOINT is true', async () => {
    process.env.AWS_USE_DUALSTACK_ENDPOINT = 'true';
    expect(await url({ region: 'eu-west-1' }, 'my-templates', 'abc.template')).toBe('https://my-templates.s3.dualstack.eu-west-1.amazonaws.com/abc.template');
  });

  it('names neither when both are false', async () => {
    process.env.AWS_USE_FIPS_ENDPOINT = 'false';
    process.env.AWS_USE_DUALSTACK_ENDPOINT = 'false';
    expect(await url({ region: 'eu-west-1' }, 'my-templates', 'abc.template')).toBe('https://my-templates.s3.eu-west-1.amazonaws.com/abc.template');
  });
});
