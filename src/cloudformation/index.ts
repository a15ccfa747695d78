// The template model and planner: pure, no local engine and no aws-cdk-lib.
export { readTemplate, isRecord, ProblemList } from './template.js';
export type { Template, TemplateReadResult, ParameterDeclaration, ResourceDeclaration, OutputDeclaration } from './template.js';
export { parseTemplateText } from './template-document.js';
export type { TemplateDocument, Position } from './template-document.js';
export { resolveParameters } from './parameters.js';
export type { ParameterInput, ResolvedParameters, ParameterResult } from './parameters.js';
export { evaluate, evaluateCondition, intrinsicName, IntrinsicError, NO_VALUE } from './evaluate.js';
export type { EvaluationScope, ResourceValues } from './evaluate.js';
export { pseudoParameters, availabilityZones, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './pseudo-parameters.js';
export type { StackLocation } from './pseudo-parameters.js';
export { planStack, staticScope, collectDependencies, problemOf } from './plan.js';
export type { StackPlan, PlanResult } from './plan.js';
export { creationOrder } from './dependency-graph.js';
export { parseSubString, subVariables } from './sub.js';
export { cidrSubnets } from './cidr.js';
export { RESOURCE_TYPES, hasAttribute } from './resource-catalog.js';
export { resolveDynamicReferences, parseDynamicReference, hasDynamicReference } from './dynamic-references.js';
export type { DynamicReference, DynamicReferenceReader } from './dynamic-references.js';
