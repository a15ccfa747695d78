// A stand-in for the CodePipeline and CodeStar Connections APIs, which moto does not serve
// (moto has no connections, and no GetPipelineState, ListPipelineExecutions or
// StartPipelineExecution). It speaks their real wire protocol (JSON 1.1 over HTTP on
// 127.0.0.1, the operation in X-Amz-Target), so the SDK clients and slipway's wrappers run for
// real; every other request is forwarded to moto, so one --endpoint-url serves all services.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the stand-in answers, changed by the tests as they go. */
export interface PipelineWorld {
  pipelineName: string;
  connectionArn: string;
  connectionStatus: string;
  /** GetConnection calls after which a PENDING connection turns AVAILABLE (a person approving it). */
  approveAfterCalls?: number;
  executions: {
    pipelineExecutionId: string; status: string; startTime: number; trigger?: { triggerType: string };
    sourceRevisions?: { actionName: string; revisionId: string }[]
  }[];
  stages: { stageName: string; status: string; executionId: string }[];
  /** Operations (e.g. `GetPipelineState`) answered with this AWS error instead. */
  failures: Record<string, { type: string; message: string; status: number; times?: number }>;
  calls: string[];
}

/** A running stand-in. */
export interface PipelineEndpoint {
  endpoint: string;
  world: PipelineWorld;
  stop(): Promise<void>;
}

type Handler = (body: Record<string, unknown>, world: PipelineWorld) => unknown;

const HANDLERS: Record<string, Handler> = {
  GetPipelineState: (_body, world) => ({
    pipelineName: world.pipelineName,
    pipelineVersion: 1,
    stageStates: world.stages.map((stage) => ({
      stageName: stage.stageName,
      latestExecution: { pipelineExecutionId: stage.executionId, status: stage.status },
      actionStates: [{ actionName: stage.stageName, latestExecution: { status: stage.status } }],
    })),
  }),
  ListPipelineExecutions: (body, world) => ({ pipelineExecutionSummaries: world.executions.slice(0, Number(body.maxResults ?? 100)) }),
  StartPipelineExecution: (_body, world) => {
    const id = `execution-${world.executions.length + 1}`;
    world.executions.unshift({ pipelineExecutionId: id, status: 'InProgress', startTime: Date.parse('2026-01-02T04:00:00Z') / 1000, trigger: { triggerType: 'StartPipelineExecution' } });
    return { pipelineExecutionId: id };
  },
  GetPipeline: (_body, world) => ({
    pipeline: {
      name: world.pipelineName,
      roleArn: 'arn:aws:iam::123456789012:role/pipeline',
      stages: [
        {
          name: 'Source',
          actions: [{ name: 'Source', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' }, configuration: { ConnectionArn: world.connectionArn } }],
        },
      ],
    },
  }),
  GetConnection: (_body, world) => {
    const calls = world.calls.filter((call) => call === 'GetConnection').length;
    if (world.connectionStatus === 'PENDING' && world.approveAfterCalls !== undefined && calls > world.approveAfterCalls) world.connectionStatus = 'AVAILABLE';
    return { Connection: { ConnectionArn: world.connectionArn, ConnectionName: 'slipway-github', ConnectionStatus: world.connectionStatus, ProviderType: 'GitHub' } };
  },
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(request: IncomingMessage, body: Buffer, response: ServerResponse, upstream: URL): void {
  const proxied = httpRequest({
    host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers,
  }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  proxied.on('error', () => response.writeHead(502).end());
  proxied.end(body);
}

/** Starts the stand-in on a free port of 127.0.0.1, forwarding everything else to `upstream`. */
export async function startPipelineEndpoint(upstream: string, world: PipelineWorld): Promise<PipelineEndpoint> {
  const target = new URL(upstream);
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const operation = /^(CodePipeline_20150709|CodeStar_connections_20191201)\.(\w+)$/.exec(String(request.headers['x-amz-target'] ?? ''))?.[2];
      if (!operation) return forward(request, body, response, target);
      world.calls.push(operation);
      const failure = world.failures[operation];
      if (failure && (failure.times === undefined || failure.times-- > 0)) {
        response.writeHead(failure.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: failure.type, message: failure.message }));
        return;
      }
      const handler = HANDLERS[operation];
      if (!handler) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'UnknownOperationException', message: operation }));
        return;
      }
      const answer = handler(JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>, world);
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    world,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
