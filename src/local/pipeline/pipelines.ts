// The account's pipelines and their webhooks, as CodePipeline keeps them (CreatePipeline,
// UpdatePipeline, DeletePipeline, GetPipeline, ListPipelines, PutWebhook, DeleteWebhook). The
// pipeline engine listens to its changes, made in this process or another one on the home
// (pipeline-changes.ts): creating a pipeline starts an execution, and so does an update where
// RestartExecutionOnUpdate says so.
import { arn } from '../../cloudformation/aws-location.js';
import { SlipwayError } from '../../errors.js';
import { RecordTable, type StateDatabase } from '../state/index.js';
import type { PipelineDeclaration, StoredPipeline, WebhookDeclaration } from './model.js';
import { PipelineChangeJournal, type PipelineChange } from './pipeline-changes.js';

/** Pipelines and webhooks of one account. */
export class Pipelines {
  private readonly pipelines: RecordTable<StoredPipeline>;
  private readonly webhooks: RecordTable<WebhookDeclaration>;
  private readonly listeners = new Set<(change: PipelineChange) => void>();
  private readonly journal: PipelineChangeJournal;

  constructor(private readonly db: StateDatabase, private readonly location: () => { accountId: string; region: string }) {
    this.pipelines = new RecordTable(db, 'codepipeline_pipelines');
    this.webhooks = new RecordTable(db, 'codepipeline_webhooks');
    this.journal = new PipelineChangeJournal(db);
  }

  /** CreatePipeline: version 1; an existing name fails with PipelineNameInUseException. */
  create(pipeline: PipelineDeclaration): StoredPipeline {
    const now = new Date().toISOString();
    const stored: StoredPipeline = { pipeline, version: 1, metadata: { pipelineArn: this.arnOf(pipeline.name), created: now, updated: now } };
    const inserted = this.db.transaction(() => {
      if (!this.pipelines.insert(pipeline.name, stored)) return false;
      this.journal.append({ kind: 'created', pipeline: stored });
      return true;
    })();
    if (!inserted) throw new SlipwayError('PipelineNameInUseException', `A pipeline with the name ${pipeline.name} already exists in this account`, { kind: 'failed' });
    this.readChanges();
    return stored;
  }

  /** UpdatePipeline: the version goes up by one. */
  update(pipeline: PipelineDeclaration): StoredPipeline {
    const existing = this.require(pipeline.name);
    const stored: StoredPipeline = { pipeline, version: existing.version + 1, metadata: { ...existing.metadata, updated: new Date().toISOString() } };
    this.db.transaction(() => {
      this.pipelines.put(pipeline.name, stored);
      this.journal.append({ kind: 'updated', pipeline: stored });
    })();
    this.readChanges();
    return stored;
  }

  /** DeletePipeline; deleting a missing pipeline is not an error. */
  delete(name: string): void {
    this.db.transaction(() => {
      const existing = this.pipelines.get(name);
      this.pipelines.delete(name);
      if (existing) this.journal.append({ kind: 'deleted', pipeline: existing });
    })();
    this.readChanges();
  }

  get(name: string): StoredPipeline | undefined {
    return this.pipelines.get(name);
  }

  /** GetPipeline: PipelineNotFoundException when there is none of that name. */
  require(name: string): StoredPipeline {
    const found = this.pipelines.get(name);
    if (!found) throw new SlipwayError('PipelineNotFoundException', `Account '${this.location().accountId}' does not have a pipeline with name '${name}'`, { hint: 'list local pipelines with: slipway stack describe' });
    return found;
  }

  /** Every pipeline, by name. */
  list(): StoredPipeline[] {
    return this.pipelines.list();
  }

  /** PutWebhook. */
  putWebhook(webhook: WebhookDeclaration): void {
    this.webhooks.put(webhook.name, webhook);
  }

  deleteWebhook(name: string): void {
    this.webhooks.delete(name);
  }

  getWebhook(name: string): WebhookDeclaration | undefined {
    return this.webhooks.get(name);
  }

  /** Every webhook, by name. */
  listWebhooks(): WebhookDeclaration[] {
    return this.webhooks.list();
  }

  /**
   * Calls `listener` on every change made from now on: at once for this process's changes, and
   * for other processes' when readChanges() runs (`slipway up` calls it every second).
   */
  onChange(listener: (change: PipelineChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners of the changes made since the last look, by any process, in order. */
  readChanges(): void {
    for (const change of this.journal.unread()) for (const listener of this.listeners) listener(change);
  }

  private arnOf(name: string): string {
    const { accountId, region } = this.location();
    return arn({ service: 'codepipeline', region, accountId, resource: name });
  }
}
