// The usage a cost estimate assumes, each with its default in one place. They are guesses about
// the future, so every one can be given on the command line.
import { SlipwayError } from '../../errors.js';

/** How the pipeline will be used in a month. */
export interface CostInputs {
  /** Pipeline executions (pushes that start a build) per day. */
  buildsPerDay: number;
  /** Minutes one build takes; CodeBuild and CodePipeline bill each started minute. */
  buildMinutes: number;
  /** The image's compressed size in ECR, in MB. */
  imageSizeMb: number;
  /** Tagged images kept by the lifecycle policy; default: the policy's own count. */
  imagesKept: number;
  /** Source zip plus build output per execution, in MB. */
  artifactSizeMb: number;
  /** Build log written per build, in MB. */
  logSizeMb: number;
  /** Minutes an ECS deploy action waits for the service (only with deploy.ecs). */
  deployMinutes: number;
}

/** The inputs a user can set: flag, default and meaning. `imagesKept` defaults to the template's lifecycle policy. */
export const COST_INPUTS: { key: keyof CostInputs; flag: string; default: number; description: string; defaultText?: string }[] = [
  { key: 'buildsPerDay', flag: '--builds-per-day', default: 10, description: 'pipeline executions per day' },
  { key: 'buildMinutes', flag: '--build-minutes', default: 5, description: 'minutes per build' },
  { key: 'imageSizeMb', flag: '--image-size-mb', default: 200, description: 'compressed image size in ECR, MB' },
  { key: 'imagesKept', flag: '--images-kept', default: 50, description: 'images kept by the lifecycle policy', defaultText: "the policy's image.lifecycle.keepLastTagged, 50" },
  { key: 'artifactSizeMb', flag: '--artifact-size-mb', default: 10, description: 'source zip and build output per execution, MB' },
  { key: 'logSizeMb', flag: '--log-size-mb', default: 1, description: 'build log per build, MB' },
  { key: 'deployMinutes', flag: '--deploy-minutes', default: 5, description: 'minutes per ECS deploy action' },
];

/** The inputs: given values (as typed), else the defaults; `keepLastTagged` is the template's own count. */
export function costInputs(given: Partial<Record<keyof CostInputs, string>>, keepLastTagged: number | undefined): CostInputs {
  const inputs = {} as CostInputs;
  for (const input of COST_INPUTS) {
    const text = given[input.key];
    const fallback = input.key === 'imagesKept' && keepLastTagged !== undefined ? keepLastTagged : input.default;
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new SlipwayError('Usage', `${input.flag} expects a number of 0 or more, got "${text}"`, { hint: `e.g. ${input.flag} ${input.default}` });
    }
    inputs[input.key] = value;
  }
  return inputs;
}
