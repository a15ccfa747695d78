// The monthly estimate of a stack's AWS bill from its template's facts and the usage inputs.
// A month is 30 days; executions × minutes give CodePipeline and CodeBuild minutes, kept
// images × size give ECR storage, and what a day writes × days kept gives S3 and log storage.
import type { CostInputs } from './cost-inputs.js';
import { costLine, gigabytes, type CostLine } from './cost-line.js';
import { PRICES, PRICES_DATED, PRICES_REGION, type PriceTable } from './price-table.js';
import type { StackFacts } from './stack-facts.js';

/** Days in the estimated month. */
export const DAYS_PER_MONTH = 30;
/** A source action takes seconds, billed as one started minute. */
const SOURCE_ACTION_MINUTES = 1;
/** What a bucket or log group keeps when the template says nothing. */
const DEFAULT_KEPT_DAYS = 30;
/** KMS calls per execution: a data key for each artifact written, a decrypt for each read (source and build output). */
const KMS_REQUESTS_PER_EXECUTION = 4;
/** S3 PUTs per execution: the source artifact and the build output. */
const PUTS_PER_EXECUTION = 2;

/** An estimate: its lines, their total, the pipeline-type comparison, and what the total leaves out. */
export interface CostEstimate {
  region: string;
  pricesDated: string;
  inputs: CostInputs;
  lines: CostLine[];
  total: number;
  /** Lines with no price in the table: not in the total. */
  unpriced: string[];
  /** The other pipeline type, for comparison; not in the total. */
  comparison: CostLine[];
}

/** Estimates a month of the stack described by `facts` under `inputs`. */
export function estimateCost(facts: StackFacts, inputs: CostInputs, prices: PriceTable = PRICES): CostEstimate {
  const executions = inputs.buildsPerDay * DAYS_PER_MONTH;
  const buildMinutes = Math.ceil(inputs.buildMinutes);
  const lines: CostLine[] = [];
  const comparison: CostLine[] = [];
  for (const pipeline of facts.pipelines) {
    const actions = pipeline.actionsByCategory;
    const perExecution = (actions.Source ?? 0) * SOURCE_ACTION_MINUTES + (actions.Build ?? 0) * buildMinutes
      + (actions.Deploy ?? 0) * Math.ceil(inputs.deployMinutes);
    const v2 = costLine('CodePipeline', 'V2 action minutes', prices.pipelineV2ActionMinute, executions * perExecution);
    const v1 = costLine('CodePipeline', 'V1 active pipeline', prices.pipelineV1Active, 1);
    lines.push(pipeline.type === 'V2' ? v2 : v1);
    comparison.push(pipeline.type === 'V2' ? { ...v1, item: 'V1 instead: active pipeline' } : { ...v2, item: 'V2 instead: action minutes' });
  }
  for (const project of facts.buildProjects) {
    const price = project.environmentType === 'LINUX_CONTAINER' ? prices.codebuildLinuxMinute[project.computeType] : undefined;
    const os = project.environmentType === 'LINUX_CONTAINER' ? 'Linux' : project.environmentType;
    lines.push(costLine('CodeBuild', `${project.computeType} ${os} minutes`, price, executions * buildMinutes, 'build minute'));
  }
  lines.push(...storageLines(facts, inputs, prices, executions));
  const total = lines.reduce((sum, line) => sum + (line.cost ?? 0), 0);
  const unpriced = lines.filter((line) => line.cost === null).map((line) => `${line.service} ${line.item}`);
  return { region: PRICES_REGION, pricesDated: PRICES_DATED, inputs, lines, total, unpriced, comparison };
}

/** ECR images, S3 artifacts, build logs and the KMS key: what is kept, and what writing it costs. */
function storageLines(facts: StackFacts, inputs: CostInputs, prices: PriceTable, executions: number): CostLine[] {
  const artifactDays = facts.artifactExpireDays ?? DEFAULT_KEPT_DAYS;
  const logDays = facts.logRetentionDays ?? DEFAULT_KEPT_DAYS;
  const lines = [
    // No layer sharing between images is assumed: an upper bound.
    costLine('ECR', 'image storage', prices.ecrStorage, gigabytes(inputs.imagesKept * inputs.imageSizeMb)),
    // A steady state: each day's artifacts live until the bucket's lifecycle rule expires them.
    costLine('S3', 'artifact storage', prices.s3Storage, gigabytes(inputs.buildsPerDay * inputs.artifactSizeMb * artifactDays)),
    costLine('S3', 'artifact PUT requests', prices.s3Put, executions * PUTS_PER_EXECUTION),
    costLine('CloudWatch Logs', 'build log ingestion', prices.logsIngestion, gigabytes(executions * inputs.logSizeMb)),
    costLine('CloudWatch Logs', 'build log storage', prices.logsStorage, gigabytes(inputs.buildsPerDay * inputs.logSizeMb * logDays)),
  ];
  if (facts.kmsKeys > 0) {
    lines.push(costLine('KMS', 'customer managed key', prices.kmsKey, facts.kmsKeys));
    lines.push(costLine('KMS', 'requests', prices.kmsRequest, executions * KMS_REQUESTS_PER_EXECUTION));
  }
  return lines;
}
