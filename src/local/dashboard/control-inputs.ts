// The bodies of the page's changes, checked once at the edge with CodePipeline's own limits
// (API reference: StartPipelineExecution variables, StopPipelineExecution reason ≤ 200,
// PutApprovalResult summary ≤ 512, DisableStageTransition reason ≤ 300 of its pattern and
// required), so the engine is only ever called with what the API would accept.
import { SlipwayError } from '../../errors.js';
import type { ApprovalInput, RetryInput, StopInput, TransitionInput } from './pipeline-controls.js';

type Body = Record<string, unknown>;

function invalid(path: string, expected: string, got: unknown): SlipwayError {
  return new SlipwayError('ValidationException', `${path}: expected ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
}

function text(body: Body, key: string, max: number, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '') || value.length > max) throw invalid(key, `${required ? 'a non-empty ' : 'a '}string of at most ${max} characters`, value);
  return value;
}

function oneOf<T extends string>(body: Body, key: string, values: readonly T[]): T {
  const value = body[key];
  if (!values.includes(value as T)) throw invalid(key, `one of ${values.join(', ')}`, value);
  return value as T;
}

/** StartPipelineExecution's variables: names as CodePipeline allows them, non-empty values of at most 1000 characters. */
export function startVariables(body: Body): Record<string, string> {
  const variables = body.variables ?? {};
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw invalid('variables', 'an object of names to values', variables);
  for (const [name, value] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9@\-_]{1,128}$/.test(name)) throw invalid(`variables.${name}`, 'a variable name of letters, digits, @, - and _ (at most 128)', name);
    if (typeof value !== 'string' || value === '' || value.length > 1000) throw invalid(`variables.${name}`, 'a non-empty string of at most 1000 characters', value);
  }
  return variables as Record<string, string>;
}

export function stopInput(pipelineExecutionId: string, body: Body): StopInput {
  if (body.abandon !== undefined && typeof body.abandon !== 'boolean') throw invalid('abandon', 'true or false', body.abandon);
  return { pipelineExecutionId, abandon: body.abandon === true, reason: text(body, 'reason', 200, false) };
}

export function retryInput(pipelineExecutionId: string, body: Body): RetryInput {
  return { pipelineExecutionId, stageName: text(body, 'stageName', 100, true)!, retryMode: oneOf(body, 'retryMode', ['FAILED_ACTIONS', 'ALL_ACTIONS'] as const) };
}

export function approvalInput(pipelineExecutionId: string, body: Body): ApprovalInput {
  return {
    pipelineExecutionId, stageName: text(body, 'stageName', 100, true)!, actionName: text(body, 'actionName', 100, true)!,
    status: oneOf(body, 'status', ['Approved', 'Rejected'] as const), summary: text(body, 'summary', 512, false) ?? '',
  };
}

/** DisableStageTransition's reason: "[a-zA-Z0-9!@ \(\)\.\*\?\-]+" (API reference). */
const REASON = /^[a-zA-Z0-9!@ ().*?-]*$/;

export function transitionInput(pipelineName: string, body: Body): TransitionInput {
  if (typeof body.enabled !== 'boolean') throw invalid('enabled', 'true or false', body.enabled);
  const reason = text(body, 'reason', 300, !body.enabled);
  if (reason !== undefined && !REASON.test(reason)) throw invalid('reason', 'letters, digits, spaces and ! @ ( ) . * ? - only (DisableStageTransition\'s pattern)', reason);
  return { pipelineName, stageName: text(body, 'stageName', 100, true)!, transitionType: oneOf(body, 'transitionType', ['Inbound', 'Outbound'] as const), enabled: body.enabled, ...(reason ? { reason } : {}) };
}
