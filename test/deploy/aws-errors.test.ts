// SDK errors become slipway errors: what happened, why, what next, and the exit code's kind.
import { describe, expect, it } from 'vitest';
import { translateAwsError } from '../../src/deploy/aws-errors.js';

/** An error shaped as the AWS SDK v3 throws it. */
function sdkError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe('translateAwsError', () => {
  it('turns missing credentials into an environment error with the ways to provide them', () => {
    const error = translateAwsError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), { action: 'sts:GetCallerIdentity' });
    expect(error).toMatchObject({ code: 'AwsNoCredentials', kind: 'environment', hint: expect.stringMatching(/--profile/) });
    expect(error.exitCode).toBe(3);
  });

  it('names the IAM action a missing permission refers to', () => {
    const error = translateAwsError(sdkError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudformation:CreateChangeSet'), {
      action: 'cloudformation:CreateChangeSet',
    });
    expect(error.message).toMatch(/^not allowed to call cloudformation:CreateChangeSet: User: .* is not authorized/);
    expect(error.hint).toMatch(/grant cloudformation:CreateChangeSet/);
  });

  it('says expired credentials are expired, and how to refresh them', () => {
    expect(translateAwsError(sdkError('ExpiredToken', 'The security token included in the request is expired'), { action: 'x:Y' })).toMatchObject({
      code: 'AwsCredentialsExpired',
      kind: 'environment',
    });
  });

  it('gives up on throttling only after the SDK\'s retries, as a failed run', () => {
    expect(translateAwsError(sdkError('Throttling', 'Rate exceeded'), { action: 'cloudformation:DescribeStackEvents' })).toMatchObject({ code: 'AwsThrottled', kind: 'failed' });
  });

  it('places a validation error in the template when it names something there', () => {
    const error = translateAwsError(sdkError('ValidationError', 'Template error: instance of Fn::GetAtt references undefined resource Repositry'), {
      action: 'cloudformation:CreateChangeSet',
      template: { file: 'pipeline.yml', text: 'Outputs:\n  Uri:\n    Value: !GetAtt Repositry.RepositoryUri\n' },
    });
    expect(error).toMatchObject({ code: 'AwsValidation', kind: 'invalid-input', problems: [{ file: 'pipeline.yml', line: 3, column: 20 }] });
  });

  it('says an unreachable endpoint is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(translateAwsError(refused, { action: 'sts:GetCallerIdentity' })).toMatchObject({ code: 'AwsUnreachable', hint: expect.stringMatching(/--endpoint-url/) });
  });
});
