// The worlds the trigger tests run in: the pipeline world's account, repository and build, with
// the source action, pipeline properties and resources each test needs, an engine, a source
// watch that polls only once an hour (so that only the trigger under test can start anything),
// and up's /webhooks/ route served on a real port of 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceWatch, webhookRoute, type PipelineEngine } from '../../../../src/local/pipeline/index.js';
import { pipelineTemplate, pipelineWorld, type PipelineWorld } from '../../support/pipeline-world.js';

/** The pipeline template with another source action, more pipeline properties and more resources. */
export function triggerTemplate(options: { source?: string; pipeline?: string; resources?: string; outputs?: string }): string {
  let template = pipelineTemplate('PARALLEL');
  if (options.source) {
    template = template.replace(/ {12}- Name: Source\n[\s\S]*?Namespace: SourceVariables\n/, `${options.source.replace(/\n?$/, '\n')}              Namespace: SourceVariables\n`);
  }
  if (options.pipeline) template = template.replace('      Stages:\n', `${options.pipeline.replace(/\n?$/, '\n')}      Stages:\n`);
  if (options.resources) template = template.replace('Resources:\n', `Resources:\n${options.resources.replace(/\n?$/, '\n')}`);
  if (options.outputs) template += `Outputs:\n${options.outputs}`;
  return template;
}

/** A world with a served webhook route. */
export interface TriggerWorld extends PipelineWorld {
  engine(): PipelineEngine;
  running: PipelineEngine;
  watch: SourceWatch;
  /** `http://127.0.0.1:<port>` serving the /webhooks/ route. */
  base: string;
  /** The executions of pipeline `app`, oldest first. */
  executions(): ReturnType<PipelineWorld['account']['executions']['list']>;
  close(): Promise<void>;
}

/** Makes the world and serves the route; `maxBytes` lowers the body limit. */
export async function triggerWorld(template: string, files: Record<string, string> = {}, maxBytes?: number): Promise<TriggerWorld> {
  const world = await pipelineWorld(template, files);
  const running = world.engine();
  const watch = new SourceWatch(running, world.account, { local: 3_600_000, remote: 3_600_000 });
  const route = webhookRoute({ account: world.account, engine: running, sources: watch, maxBytes });
  const server: Server = createServer(route.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...world, running, watch, base,
    executions: () => world.account.executions.list({ pipelineName: 'app' }).reverse(),
    close: async () => {
      watch.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await world.dispose();
    },
  };
}

/** Waits until `probe` gives a value. */
export async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
