// CodePipeline calls to the home's running `slipway up`, with the AWS SDK v3 and the local key:
// the engine that runs the executions is up's, so starting, stopping, retrying and answering
// approvals go through its endpoint. Its refusals keep AWS's error name, and become the exit
// code of what they mean: bad input (2) or an operation the execution's state refuses (1).
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';

/** AWS errors that mean the request named something wrong. */
const INVALID_INPUT = /^(ValidationException|PipelineNotFoundException|PipelineExecutionNotFoundException|StageNotFoundException|ActionNotFoundException|InvalidApprovalTokenException)$/;

/** Runs `call` with a CodePipeline client pointed at the running up at `endpoint`. */
export async function callUp<T>(account: LocalAccount, endpoint: string, call: (client: CodePipelineClient) => Promise<T>): Promise<T> {
  const { CodePipelineClient } = await import('@aws-sdk/client-codepipeline');
  const { accessKeyId, secretAccessKey, region } = account.settings;
  const client = new CodePipelineClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
  try {
    return await call(client);
  } catch (error) {
    const { name, message } = error as Error;
    const kind = INVALID_INPUT.test(name) ? 'invalid-input' : /Exception$/.test(name) ? 'failed' : 'environment';
    throw new SlipwayError(name, `${message} (answered by the running slipway up, ${endpoint})`, { kind, cause: error });
  } finally {
    client.destroy();
  }
}
