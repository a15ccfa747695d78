// The account's default event bus: an event put on it is matched against every ENABLED rule of
// the bus (EventBridge's matching, event-pattern.ts), and each matching rule's CodePipeline
// targets (`arn:aws:codepipeline:<region>:<account>:<pipeline>`) start that pipeline with the
// trigger CloudWatchEvent, naming the rule. Targets of other services are not run locally.
import type { EventRules, PipelineEngine, PipelineExecution } from '../pipeline/index.js';
import { matchesPattern } from './event-pattern.js';
import type { AwsEvent } from './service-events.js';

/** What one rule's match did. */
export interface RuleDelivery {
  rule: string;
  target: string;
  /** The execution started, or why the target was not run. */
  outcome: { started: PipelineExecution } | { skipped: string };
}

/** The pipeline name of a CodePipeline ARN, or undefined for another service's target. */
export function pipelineOfTarget(arn: string): string | undefined {
  const match = /^arn:aws[\w-]*:codepipeline:[^:]*:[^:]*:(.+)$/.exec(arn);
  return match?.[1];
}

/** Puts one event on the default bus; resolves with what each matching rule's targets did. */
export async function putEvent(rules: EventRules, engine: PipelineEngine, event: AwsEvent): Promise<RuleDelivery[]> {
  const deliveries: RuleDelivery[] = [];
  for (const rule of rules.list()) {
    if (rule.eventBusName !== 'default' || rule.state === 'DISABLED' || !rule.eventPattern) continue;
    if (!matchesPattern(rule.eventPattern, event)) continue;
    for (const target of rule.targets) {
      const pipeline = pipelineOfTarget(target.arn);
      if (!pipeline) {
        deliveries.push({ rule: rule.name, target: target.arn, outcome: { skipped: 'only CodePipeline targets are run locally' } });
        continue;
      }
      try {
        const started = await engine.start(pipeline, { trigger: { triggerType: 'CloudWatchEvent', triggerDetail: rule.arn } });
        deliveries.push({ rule: rule.name, target: target.arn, outcome: { started } });
      } catch (error) {
        deliveries.push({ rule: rule.name, target: target.arn, outcome: { skipped: error instanceof Error ? error.message : String(error) } });
      }
    }
  }
  return deliveries;
}
