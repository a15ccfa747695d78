// The operations the local AWS endpoint serves, by the name each service's API model has
// (`ecr`, `cloudformation`, ...), and the errors each service answers with.
import type { ServiceTable } from '../handler.js';
import { CLOUDFORMATION_ERRORS, cloudFormationHandlers } from './cloudformation.js';
import { CODEBUILD_ERRORS, codeBuildHandlers } from './codebuild.js';
import { CODEPIPELINE_ERRORS, codePipelineHandlers } from './codepipeline.js';
import { CONNECTIONS_ERRORS, connectionsHandlers } from './connections.js';
import { ECR_ERRORS, ecrHandlers } from './ecr.js';
import { LOGS_ERRORS, logsHandlers } from './logs.js';
import { S3_ERRORS, s3Handlers } from './s3.js';
import { SECRETS_MANAGER_ERRORS, secretsManagerHandlers } from './secretsmanager.js';
import type { ServiceErrors } from './service-errors.js';
import { SSM_ERRORS, ssmHandlers } from './ssm.js';
import { STS_ERRORS, stsHandlers } from './sts.js';

/** Every service's handlers, by model name. */
export const SERVICE_HANDLERS: ServiceTable = {
  ecr: ecrHandlers,
  sts: stsHandlers,
  ssm: ssmHandlers,
  secretsmanager: secretsManagerHandlers,
  s3: s3Handlers,
  cloudformation: cloudFormationHandlers,
  codebuild: codeBuildHandlers,
  logs: logsHandlers,
  codepipeline: codePipelineHandlers,
  'codestar-connections': connectionsHandlers,
  codeconnections: connectionsHandlers,
};

/** Every service's error codes with their HTTP status, by model name (for the wire layer's error answers). */
export const SERVICE_ERRORS: Readonly<Record<string, ServiceErrors>> = {
  ecr: ECR_ERRORS,
  sts: STS_ERRORS,
  ssm: SSM_ERRORS,
  secretsmanager: SECRETS_MANAGER_ERRORS,
  s3: S3_ERRORS,
  cloudformation: CLOUDFORMATION_ERRORS,
  codebuild: CODEBUILD_ERRORS,
  logs: LOGS_ERRORS,
  codepipeline: CODEPIPELINE_ERRORS,
  'codestar-connections': CONNECTIONS_ERRORS,
  codeconnections: CONNECTIONS_ERRORS,
};

export type { ServiceErrors } from './service-errors.js';
export { roleSessions } from './sts.js';
export type { RoleSession, RoleSessions } from './sts-sessions.js';
