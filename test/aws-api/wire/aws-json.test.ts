// awsJson 1.0 and 1.1 through the AWS SDK for JavaScript v3 (ECR, CodePipeline, CodeStar
// Connections) and raw signed requests: inputs read by the model, outputs written by it, AWS's
// error shapes, and the handler bugs the gateway turns into a logged 500.
import { BatchGetImageCommand, DeleteRepositoryCommand, DescribeRegistryCommand, DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, ListImagesCommand, RepositoryNotFoundException, UploadLayerPartCommand } from '@aws-sdk/client-ecr';
import { CodePipelineClient, GetPipelineStateCommand, ListPipelinesCommand, PipelineNotFoundException, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline';
import { CodeStarConnectionsClient, GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSHED_AT } from './support/fake-services.js';
import { rejection } from './support/rejection.js';
import { ecrRequest, sendRaw } from './support/signed-request.js';
import { startWireServer, TEST_KEY, type WireServer } from './support/wire-server.js';

let server: WireServer;
let ecr: ECRClient;
beforeAll(async () => {
  server = await startWireServer();
  ecr = new ECRClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
});
afterAll(async () => server?.close());

const lastInput = () => server.received.at(-1)!.input;

describe('awsJson 1.1 (ECR, CodePipeline)', () => {
  it('reads nested lists of structures and answers timestamps (with milliseconds) and longs the SDK parses', async () => {
    const output = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v2' }], filter: { tagStatus: 'TAGGED' } }));
    expect(lastInput()).toEqual({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v2' }], filter: { tagStatus: 'TAGGED' } });
    expect(output.imageDetails?.map((detail) => detail.imageTags)).toEqual([['v1'], ['v2']]);
    expect(output.imageDetails?.[0]?.imagePushedAt).toEqual(PUSHED_AT);
    expect(output.imageDetails?.[0]?.imageSizeInBytes).toBe(1234);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads a base64 blob as a Buffer and integers as numbers', async () => {
    const blob = Buffer.from([0, 1, 2, 253, 254, 255]);
    const output = await ecr.send(new UploadLayerPartCommand({ repositoryName: 'app', uploadId: 'u1', partFirstByte: 0, partLastByte: 5, layerPartBlob: blob }));
    expect(lastInput()).toEqual({ repositoryName: 'app', uploadId: 'u1', partFirstByte: 0, partLastByte: 5, layerPartBlob: blob });
    expect(lastInput().layerPartBlob).toBeInstanceOf(Buffer);
    expect(output.lastByteReceived).toBe(5);
  });

  it('reads timestamps sent as epoch seconds into Dates', async () => {
    const pipeline = new CodePipelineClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
    const created = new Date('2024-01-02T03:04:05.678Z');
    await pipeline.send(new PutJobSuccessResultCommand({ jobId: 'j1', currentRevision: { revision: 'r1', changeIdentifier: 'c1', created } }));
    expect(lastInput()).toEqual({ jobId: 'j1', currentRevision: { revision: 'r1', changeIdentifier: 'c1', created } });
    const list = await pipeline.send(new ListPipelinesCommand({}));
    expect(list.pipelines).toEqual([{ name: 'widget', version: 3, created: PUSHED_AT, updated: PUSHED_AT }]);
  });

  it("answers a handler's SlipwayError as the AWS error it names, which the SDK raises as its own class", async () => {
    const error = await rejection<RepositoryNotFoundException>(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['missing-repo'] })));
    expect(error).toBeInstanceOf(RepositoryNotFoundException);
    expect(error.message).toBe("The repository with name 'missing-repo' does not exist in the registry with id '000000000000'");
    expect(error.$metadata.httpStatusCode).toBe(400);
    const pipeline = new CodePipelineClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
    await expect(pipeline.send(new GetPipelineStateCommand({ name: 'nope' }))).rejects.toBeInstanceOf(PipelineNotFoundException);
  });

  it('writes errors as {"__type", "message"} with x-amzn-ErrorType and x-amzn-RequestId', async () => {
    const answer = await sendRaw(server.port, ecrRequest('DescribeRepositories', { repositoryNames: ['missing-x'] }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ __type: 'RepositoryNotFoundException', message: "The repository with name 'missing-x' does not exist in the registry with id '000000000000'" });
    expect(answer.headers['x-amzn-errortype']).toBe('RepositoryNotFoundException');
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an operation the model has but the table does not serve with UnknownOperationException naming it', async () => {
    const error = await rejection(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'app' })));
    expect(error).toMatchObject({ name: 'UnknownOperationException', message: 'Operation DeleteRepository of ECR is not served by the local endpoint.' });
    const unknown = await sendRaw(server.port, ecrRequest('NoSuchOperation', {}));
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'UnknownOperationException', message: expect.stringContaining('NoSuchOperation') });
  });

  it('refuses a body that is not JSON (SerializationException) and a missing required member (ValidationException)', async () => {
    const broken = await sendRaw(server.port, ecrRequest('DescribeImages', {}, { body: '{"repositoryName": ' }));
    expect(JSON.parse(broken.text).__type).toBe('SerializationException');
    const wrongType = await sendRaw(server.port, ecrRequest('DescribeImages', { repositoryName: 'app', maxResults: 'ten' }));
    expect(JSON.parse(wrongType.text)).toEqual({ __type: 'SerializationException', message: `Cannot read 'maxResults': expected an integer, found string "ten".` });
    const missing = await sendRaw(server.port, ecrRequest('DescribeImages', { imageIds: [{}] }));
    expect(JSON.parse(missing.text)).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null" });
  });

  it('answers a handler whose output breaks its shape with a 500 InternalFailure, and logs the problems', async () => {
    const error = await rejection<Error & { $metadata: { httpStatusCode: number } }>(ecr.send(new ListImagesCommand({ repositoryName: 'app' })));
    expect(error.name).toBe('InternalFailure');
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(server.events).toContainEqual(expect.objectContaining({ type: 'aws-api.output.invalid', service: 'ecr', operation: 'ListImages', problems: ['imageIds: expected an array, found string "not-a-list"'] }));
    await expect(ecr.send(new DescribeRegistryCommand({}))).rejects.toMatchObject({ name: 'InternalFailure' });
    expect(server.events).toContainEqual(expect.objectContaining({ type: 'aws-api.output.invalid', operation: 'DescribeRegistry', problems: ['(the output): expected an object ({} when the operation has no output), found undefined'] }));
  });

  it('answers an unexpected exception with a 500 InternalFailure that carries no detail, and logs the stack', async () => {
    const answer = await sendRaw(server.port, ecrRequest('BatchGetImage', { repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }));
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({ __type: 'InternalFailure', message: 'The request processing has failed because of an unknown error, exception or failure.' });
    expect(answer.text).not.toContain('secret');
    const failed = server.events.find((event) => event.type === 'aws-api.request.failed');
    expect(failed).toMatchObject({ service: 'ecr', operation: 'BatchGetImage', error: expect.stringMatching(/^Error: database is locked at \/secret\/path\n\s+at /) });
    await expect(ecr.send(new BatchGetImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }))).rejects.toMatchObject({ name: 'InternalFailure' });
  });
});

describe('awsJson 1.0 (CodeStar Connections)', () => {
  it('serves the SDK, answering in application/x-amz-json-1.0', async () => {
    const connections = new CodeStarConnectionsClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, maxAttempts: 1 });
    const arn = 'arn:aws:codestar-connections:us-east-1:000000000000:connection/abc';
    const output = await connections.send(new GetConnectionCommand({ ConnectionArn: arn }));
    expect(output.Connection).toEqual({ ConnectionName: 'github', ConnectionArn: arn, ProviderType: 'GitHub', ConnectionStatus: 'AVAILABLE' });
    const raw = await sendRaw(server.port, { service: 'codestar-connections', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'CodeStar_connections_20191201.GetConnection' }, body: JSON.stringify({ ConnectionArn: arn }) });
    expect(raw.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  it('dispatches on the text after the last dot, so a namespaced target prefix reaches the same operation', async () => {
    const target = 'com.amazonaws.codestar.connections.CodeStar_connections_20191201.GetConnection';
    const raw = await sendRaw(server.port, { service: 'codestar-connections', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target }, body: JSON.stringify({ ConnectionArn: 'arn:c' }) });
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.text).Connection.ConnectionArn).toBe('arn:c');
  });

  it('answers a target prefix of a service without a model with UnknownOperationException naming it', async () => {
    const raw = await sendRaw(server.port, { service: 'dynamodb', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.text)).toEqual({ __type: 'UnknownOperationException', message: "The local endpoint serves no AWS service named by 'DynamoDB_20120810'." });
  });
});
