// A pipeline engine run in this command's own process, for when no `slipway up` runs on the home
// (`slipway start`, `retry`, `hook notify`): its events printed as they happen, Ctrl-C closing it
// (running executions end Stopped), and closed when the command's work is done.
import type { LocalAccount } from '../../local/account/index.js';
import type { PipelineEngine } from '../../local/pipeline/index.js';
import type { CliContext } from '../context.js';
import { eventPrinter } from '../render/events.js';

/** Runs `work` with an opened engine of the account, printing events (`json`: as NDJSON envelopes). */
export async function withEngineHere<T>(ctx: CliContext, account: LocalAccount, json: boolean, work: (engine: PipelineEngine) => Promise<T>): Promise<T> {
  const stop = account.events.subscribe(eventPrinter(ctx, json));
  const engine = account.pipelineEngine();
  engine.open();
  const abort = () => void engine.close();
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    return await work(engine);
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    await engine.close();
    stop();
  }
}
