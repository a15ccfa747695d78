// The registry's two vocabularies of failure. The library API speaks ECR's (the exception names
// of the ECR API reference: RepositoryNotFoundException, ...) so the local AWS endpoint can answer
// with them as they are; the /v2/ HTTP API speaks the OCI distribution spec's error codes
// (NAME_UNKNOWN, TAG_INVALID, ...) with ECR's messages, which is what docker prints.
import { SlipwayError } from '../../errors.js';

/** The ECR API exception names the library throws, as SlipwayError codes. */
export type EcrErrorCode =
  | 'RepositoryNotFoundException'
  | 'RepositoryAlreadyExistsException'
  | 'RepositoryNotEmptyException'
  | 'ImageTagAlreadyExistsException'
  | 'ImageAlreadyExistsException'
  | 'ImageNotFoundException'
  | 'ImageDigestDoesNotMatchException'
  | 'LayersNotFoundException'
  | 'ReferencedImagesNotFoundException'
  | 'LifecyclePolicyNotFoundException'
  | 'InvalidParameterException'
  | 'InvalidTagParameterException';

/** The error codes of the OCI distribution spec (§ error codes), and the reference registry's PAGINATION_NUMBER_INVALID. */
export type DistributionErrorCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'PAGINATION_NUMBER_INVALID'
  | 'SIZE_INVALID'
  | 'TAG_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'UNSUPPORTED';

/** An ECR API exception: what the AWS endpoint will return as `__type`. */
export function ecrError(code: EcrErrorCode, message: string, hint?: string): SlipwayError {
  return new SlipwayError(code, message, { kind: 'invalid-input', hint });
}

/** A /v2/ API failure: an HTTP status and a spec error code, with a message for the client. */
export class DistributionError extends SlipwayError {
  readonly status: number;
  readonly detail: unknown;

  constructor(status: number, code: DistributionErrorCode, message: string, detail?: unknown) {
    super(code, message, { kind: 'invalid-input' });
    this.status = status;
    this.detail = detail;
  }
}

/** How each ECR exception reads on the /v2/ API (status and spec code). */
const DISTRIBUTION_FORM: Record<EcrErrorCode, { status: number; code: DistributionErrorCode }> = {
  RepositoryNotFoundException: { status: 404, code: 'NAME_UNKNOWN' },
  RepositoryAlreadyExistsException: { status: 400, code: 'DENIED' },
  RepositoryNotEmptyException: { status: 400, code: 'DENIED' },
  ImageTagAlreadyExistsException: { status: 400, code: 'TAG_INVALID' },
  ImageAlreadyExistsException: { status: 400, code: 'MANIFEST_INVALID' },
  ImageNotFoundException: { status: 404, code: 'MANIFEST_UNKNOWN' },
  ImageDigestDoesNotMatchException: { status: 400, code: 'DIGEST_INVALID' },
  LayersNotFoundException: { status: 400, code: 'MANIFEST_BLOB_UNKNOWN' },
  ReferencedImagesNotFoundException: { status: 400, code: 'MANIFEST_BLOB_UNKNOWN' },
  LifecyclePolicyNotFoundException: { status: 404, code: 'DENIED' },
  InvalidParameterException: { status: 400, code: 'MANIFEST_INVALID' },
  InvalidTagParameterException: { status: 400, code: 'TAG_INVALID' },
};

/** How each spec code reads as an ECR exception, for PutImage and BatchGetImage callers. */
const ECR_FORM: Partial<Record<DistributionErrorCode, EcrErrorCode>> = {
  NAME_UNKNOWN: 'RepositoryNotFoundException',
  TAG_INVALID: 'InvalidParameterException',
  DIGEST_INVALID: 'ImageDigestDoesNotMatchException',
  MANIFEST_BLOB_UNKNOWN: 'LayersNotFoundException',
  MANIFEST_UNKNOWN: 'ImageNotFoundException',
};

/** Re-expresses a library error for the /v2/ API; other errors pass through unchanged. */
export function asDistributionError(error: unknown): unknown {
  if (error instanceof DistributionError || !(error instanceof SlipwayError)) return error;
  const form = DISTRIBUTION_FORM[error.code as EcrErrorCode];
  return form ? new DistributionError(form.status, form.code, error.message) : error;
}

/** Re-expresses a /v2/ API error as the ECR exception the same failure raises in the ECR API. */
export function asEcrError(error: unknown): unknown {
  if (!(error instanceof DistributionError)) return error;
  return ecrError(ECR_FORM[error.code as DistributionErrorCode] ?? 'InvalidParameterException', error.message);
}

/** ECR's message for a repository that does not exist (docker prints it after "name unknown:"). */
export function repositoryNotFound(name: string, registryId: string): SlipwayError {
  return ecrError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
    `create it first: a template's AWS::ECR::Repository, or \`slipway registry --repository ${name}\``,
  );
}

/** ECR's message for a tag that an immutable repository will not overwrite. */
export function tagAlreadyExists(tag: string, repository: string): SlipwayError {
  return ecrError(
    'ImageTagAlreadyExistsException',
    `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`,
  );
}
