// Reading ECR's inputs: the registry id (only the local registry's), image identifiers, the
// tag-status filter and paging, each refused with ECR's InvalidParameterException when wrong.
import type { ImageIdentifier, TagStatus } from '../../registry/index.js';
import type { ApiContext } from '../handler.js';
import { OperationInput } from './operation-input.js';

/** ECR's validation error. */
export const ECR_INVALID = 'InvalidParameterException';

/** One ECR call's input, read with ECR's validation error. */
export function read(input: Record<string, unknown>, ctx: ApiContext): OperationInput {
  const reader = new OperationInput(input, ECR_INVALID);
  const registryId = reader.optionalString('registryId');
  // One local registry: another account's id names nothing here.
  if (registryId !== undefined && registryId !== ctx.registry.registryId) {
    throw reader.fail(`Invalid parameter at 'registryId': '${registryId}' is not the local registry's id '${ctx.registry.registryId}'`);
  }
  return reader;
}

/** A list of ImageIdentifier members (at most 100). */
export function imageIds(reader: OperationInput, name: string): ImageIdentifier[] | undefined {
  return reader.optionalList(name, 100)?.map((item, index) => {
    const id = item as Record<string, unknown> | null;
    if (id === null || typeof id !== 'object') throw reader.invalid(`${name}.${index + 1}.member`, item, 'Member must be an ImageIdentifier');
    const ident = new OperationInput(id, ECR_INVALID);
    return { ...(ident.optionalString('imageDigest') ? { imageDigest: ident.optionalString('imageDigest') } : {}), ...(ident.optionalString('imageTag') ? { imageTag: ident.optionalString('imageTag') } : {}) };
  });
}

/** The filter's tagStatus: TAGGED, UNTAGGED or ANY. */
export function tagStatus(reader: OperationInput): { tagStatus?: TagStatus } | undefined {
  const filter = reader.optionalRecord('filter');
  const status = filter === undefined ? undefined : new OperationInput(filter, ECR_INVALID).optionalString('tagStatus');
  if (status !== undefined && !['TAGGED', 'UNTAGGED', 'ANY'].includes(status)) throw reader.invalid('filter.tagStatus', status, 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]');
  return status === undefined ? undefined : { tagStatus: status as TagStatus };
}

/** maxResults (1 to 1000) and nextToken. */
export const paging = (reader: OperationInput) => ({ maxResults: reader.optionalInteger('maxResults', 1, 1000), nextToken: reader.optionalString('nextToken') });

/** The imageIds an operation requires (1 to 100 of them). */
export function requiredImageIds(reader: OperationInput): ImageIdentifier[] {
  const ids = imageIds(reader, 'imageIds');
  if (ids === undefined) throw reader.invalid('imageIds', null, 'Member must not be null');
  if (ids.length === 0) throw reader.invalid('imageIds', '[]', 'Member must have length greater than or equal to 1');
  return ids;
}
