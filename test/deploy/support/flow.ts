// A FlowContext for tests: real SDK clients against an endpoint, a stepping clock, recorded events.
import { awsApis, steppingClock, type AwsApis, type Clock, type DeployEvent, type FlowContext, type Question } from '../../../src/deploy/index.js';

/** A flow context that records events and questions, answering every question with `answer`. */
export function recordingContext(options: {
  endpoint?: string; apis?: AwsApis; answer?: boolean; clock?: Clock
}): FlowContext & { events: DeployEvent[]; questions: Question[] } {
  const events: DeployEvent[] = [];
  const questions: Question[] = [];
  return {
    apis: options.apis ?? awsApis({ endpointUrl: options.endpoint, region: 'us-east-1' }),
    clock: options.clock ?? steppingClock(new Date('2026-01-02T03:04:05Z')),
    reporter: { emit: (event) => events.push(event) },
    confirm: async (question) => {
      questions.push(question);
      return options.answer ?? true;
    },
    poll: { intervalMs: 5000, maxIntervalMs: 60_000 },
    events,
    questions,
  };
}
