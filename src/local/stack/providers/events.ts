// AWS::Events::Rule: a rule of the account's EventBridge, with its pattern and targets, so a local
// event (a CodeCommit push matching `detail.referenceName`) can start the pipelines it targets.
import { isRecord } from '../../../cloudformation/index.js';
import type { EventRuleDeclaration } from '../../pipeline/model.js';
import { arnOf } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** AWS::Events::Rule: Ref is the rule name; up to 5 targets each with Id and Arn (EventBridge quotas). */
export const ruleProvider: ResourceProvider = recordedProvider({
  type: 'AWS::Events::Rule',
  properties: RESOURCE_PROPERTY_NAMES['AWS::Events::Rule'],
  nameProperty: 'Name',
  maxNameLength: 64,
  replaceOn: ['Name', 'EventBusName'],
  validate(properties) {
    const targets = Array.isArray(properties.Targets) ? properties.Targets : [];
    const pattern = patternOf(properties.EventPattern);
    return new PropertyChecks(properties).pattern('Name', /^[.\-_A-Za-z0-9]+$/, 1, 64).list('Targets')
      .oneOf('State', ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'])
      .when(properties.EventPattern === undefined && properties.ScheduleExpression === undefined, '#: a rule needs an EventPattern or a ScheduleExpression')
      .when(properties.EventPattern !== undefined && pattern === undefined, '#/EventPattern: Event pattern is not valid JSON')
      .when(targets.length > 5, `#/Targets: a rule can have at most 5 targets; it has ${targets.length}`)
      .when(targets.some((target) => !isRecord(target) || target.Id === undefined || target.Arn === undefined), '#/Targets: every target needs an Id and an Arn').problems;
  },
  identity(ctx, name, properties) {
    const bus = busOf(properties);
    const arn = arnOf(ctx, 'events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`);
    return { physicalId: name, ref: name, attributes: { Arn: arn } };
  },
  service: {
    exists: (ctx, name, _result, properties) => ctx.services.eventRules.get(busOf(properties), name) !== undefined,
    create: (ctx, name, properties, result) => ctx.services.eventRules.create(ruleOf(name, properties, String(result.attributes.Arn))),
    update: (ctx, name, properties, result) => ctx.services.eventRules.update(ruleOf(name, properties, String(result.attributes.Arn))),
    delete: (ctx, name, current) => ctx.services.eventRules.delete(busOf(current.properties), name),
  },
});

function busOf(properties: Record<string, unknown>): string {
  return String(properties.EventBusName ?? 'default');
}

function ruleOf(name: string, properties: Record<string, unknown>, arn: string): EventRuleDeclaration {
  const targets = (Array.isArray(properties.Targets) ? properties.Targets : []).filter(isRecord);
  return {
    name,
    arn,
    state: String(properties.State ?? 'ENABLED'),
    eventBusName: busOf(properties),
    eventPattern: patternOf(properties.EventPattern),
    scheduleExpression: properties.ScheduleExpression as string | undefined,
    targets: targets.map((target) => ({
      id: String(target.Id), arn: String(target.Arn), roleArn: target.RoleArn as string | undefined,
      input: target.Input as string | undefined,
    })),
  };
}

// EventPattern is a mapping, or a JSON string in templates that were written by hand.
function patternOf(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
