// Images pushed to up's registry as a client would push them: a repository made with ECR's API
// on up's endpoint (signed with the account's key from the ready line), a login from
// GetAuthorizationToken, and the blobs and manifest sent over /v2/.
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand, PutLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { send } from '../../registry/http-client.js';
import { sha256, tinyImage } from '../../registry/registry-fixture.js';
import type { Ready } from './dashboard-world.js';

function ecr(ready: Ready): ECRClient {
  return new ECRClient({
    endpoint: ready.endpoint, region: ready.region,
    credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey }, maxAttempts: 1,
  });
}

/** Creates a repository, with a lifecycle policy when one is given. */
export async function createRepository(ready: Ready, repositoryName: string, lifecyclePolicyText?: string): Promise<void> {
  const client = ecr(ready);
  try {
    await client.send(new CreateRepositoryCommand({ repositoryName, imageScanningConfiguration: { scanOnPush: true } }));
    if (lifecyclePolicyText) await client.send(new PutLifecyclePolicyCommand({ repositoryName, lifecyclePolicyText }));
  } finally {
    client.destroy();
  }
}

/** Pushes a tiny image (distinct per seed) tagged `tag`; returns its digest. */
export async function pushImage(ready: Ready, repositoryName: string, tag: string, seed: string): Promise<string> {
  const client = ecr(ready);
  const token = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!.authorizationToken!;
  client.destroy();
  const authorization = `Basic ${token}`;
  const image = tinyImage(seed);
  for (const blob of [image.config, image.layer]) {
    const answer = await send(ready.endpoint, 'POST', `/v2/${repositoryName}/blobs/uploads/?digest=${sha256(blob)}`, { body: blob, headers: { authorization, 'content-type': 'application/octet-stream' } });
    if (answer.status !== 201) throw new Error(`blob upload answered ${answer.status}: ${answer.body.toString()}`);
  }
  const put = await send(ready.endpoint, 'PUT', `/v2/${repositoryName}/manifests/${tag}`, { body: image.manifest, headers: { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
  if (put.status !== 201) throw new Error(`manifest upload answered ${put.status}: ${put.body.toString()}`);
  return image.digest;
}
