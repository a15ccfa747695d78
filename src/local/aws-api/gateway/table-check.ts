// Checks the handler table against the models when the gateway is built, so a misspelt service or
// operation name fails `slipway up` at start with every mistake listed, instead of answering
// "unknown operation" to the first client that calls it.
import { SlipwayError } from '../../../errors.js';
import { isServiceName } from '../model/catalog.js';
import type { ServiceModel } from '../model/shapes.js';
import type { ServiceTable } from '../handler.js';

/** Throws a SlipwayError naming every service or operation in `services` that no model has. */
export function checkServiceTable(services: ServiceTable, models: readonly ServiceModel[]): void {
  const problems: string[] = [];
  for (const [service, handlers] of Object.entries(services)) {
    const model = models.find((candidate) => candidate.name === service);
    if (!isServiceName(service) || !model) {
      problems.push(`services.${service}: no model named '${service}' in src/local/aws-api/models/`);
      continue;
    }
    for (const operation of Object.keys(handlers)) {
      if (!model.operations.has(operation)) problems.push(`services.${service}.${operation}: ${model.metadata.serviceId} has no operation '${operation}'`);
    }
  }
  if (problems.length > 0) {
    throw new SlipwayError('AwsApiTableInvalid', `the AWS API handler table names operations the models do not have: ${problems.join('; ')}`, {
      kind: 'internal',
      problems: problems.map((message) => ({ message })),
    });
  }
}
