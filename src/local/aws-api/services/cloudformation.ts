// CloudFormation on the account's local engine (src/local/stack): stacks (cloudformation-stacks.ts),
// what is known about them (cloudformation-describe.ts), templates and change sets.
import { changeSetHandlers } from './cloudformation-change-sets.js';
import { describeHandlers } from './cloudformation-describe.js';
import { CFN_INVALID, stackHandlers } from './cloudformation-stacks.js';
import { templateHandlers } from './cloudformation-template-calls.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/**
 * CloudFormation's errors, by the code its awsQuery answers carry (the SDK's error schemas:
 * ChangeSetNotFoundException answers as ChangeSetNotFound, 404).
 */
export const CLOUDFORMATION_ERRORS: ServiceErrors = {
  fallback: CFN_INVALID,
  codes: {
    ValidationError: 400, AlreadyExistsException: 400, InsufficientCapabilitiesException: 400, ChangeSetNotFound: 404,
    InvalidChangeSetStatus: 400, LimitExceededException: 400, TokenAlreadyExistsException: 400,
  },
  renames: { ChangeSetNotFoundException: 'ChangeSetNotFound', InvalidChangeSetStatusException: 'InvalidChangeSetStatus' },
};

/** CloudFormation's operations, by name. */
export const cloudFormationHandlers = withServiceErrors(
  { ...stackHandlers, ...describeHandlers, ...templateHandlers, ...changeSetHandlers }, CLOUDFORMATION_ERRORS,
);
