// Most emulated types are a name, an ARN and a configuration the local engines read later. This
// builds their providers from a small spec: how to name, check, identify and record one.
import { SlipwayError } from '../../../errors.js';
import { nameOrGenerated } from './naming.js';
import type { CurrentResource, PropertyNames, ProviderContext, ProvisionResult, ResourceProvider } from './provider.js';

/** How one recorded type behaves. */
export interface RecordedSpec {
  /** The `local_resources` type under which its configuration is stored (usually the CloudFormation type). */
  type: string;
  /** Every property the AWS type accepts (ResourceProvider.properties). */
  properties: PropertyNames;
  nameProperty?: string;
  maxNameLength: number;
  lowercase?: boolean;
  replaceOn: string[];
  validate(properties: Record<string, unknown>): string[];
  /** Physical id, Ref and attributes; `previous` is set on update so generated ids stay stable. */
  identity(ctx: ProviderContext, name: string, properties: Record<string, unknown>, previous?: CurrentResource): Omit<ProvisionResult, 'internal'>;
  /** The configuration stored for the local engines; undefined stores nothing. */
  config?(ctx: ProviderContext, name: string, properties: Record<string, unknown>, result: Omit<ProvisionResult, 'internal'>): unknown;
  /** A check against local state before anything is written (e.g. that a named bucket exists). */
  precheck?(ctx: ProviderContext, properties: Record<string, unknown>): void;
  /** Extra work after the record is written (e.g. creating a folder or a Git repository). */
  afterCreate?(ctx: ProviderContext, name: string, properties: Record<string, unknown>): Promise<void> | void;
  afterUpdate?(ctx: ProviderContext, name: string, properties: Record<string, unknown>, current: CurrentResource): Promise<void> | void;
  beforeDelete?(ctx: ProviderContext, name: string, current: CurrentResource): Promise<void> | void;
  /** For types renamed in place (the name property is not in replaceOn): moves the local counterpart. */
  rename?(ctx: ProviderContext, from: string, to: string): Promise<void> | void;
}

/** A provider from a spec. */
export function recordedProvider(spec: RecordedSpec): ResourceProvider {
  const write = (ctx: ProviderContext, name: string, properties: Record<string, unknown>, previous?: CurrentResource): ProvisionResult => {
    const result = spec.identity(ctx, name, properties, previous);
    const config = spec.config?.(ctx, name, properties, result);
    if (config !== undefined) ctx.store.putLocalResource(spec.type, name, { stackId: ctx.stackId, logicalId: ctx.logicalId }, config);
    return { ...result, internal: { name } };
  };
  return {
    properties: spec.properties,
    replaceOn: spec.replaceOn,
    nameProperty: spec.nameProperty,
    validate: spec.validate,
    async create(ctx, properties) {
      spec.precheck?.(ctx, properties);
      const name = spec.nameProperty ? nameOrGenerated(ctx, properties, spec.nameProperty, spec.maxNameLength, { lowercase: spec.lowercase }) : ctx.generateName(spec.maxNameLength);
      if (spec.config && ctx.store.getLocalResource(spec.type, name) !== undefined) {
        throw new SlipwayError('AlreadyExistsException', `${name} already exists (a local ${spec.type} of that name belongs to another stack or resource)`, { kind: 'failed' });
      }
      const result = write(ctx, name, properties);
      await spec.afterCreate?.(ctx, name, properties);
      return result;
    },
    async update(ctx, current, properties) {
      spec.precheck?.(ctx, properties);
      let name = String(current.internal.name ?? current.physicalId);
      const wanted = spec.nameProperty ? properties[spec.nameProperty] : undefined;
      if (spec.rename && typeof wanted === 'string' && wanted !== name) {
        await spec.rename(ctx, name, wanted);
        if (spec.config) ctx.store.removeLocalResource(spec.type, name);
        name = wanted;
      }
      const result = write(ctx, name, properties, current);
      await spec.afterUpdate?.(ctx, name, properties, current);
      return result;
    },
    async delete(ctx, current) {
      const name = String(current.internal.name ?? current.physicalId);
      await spec.beforeDelete?.(ctx, name, current);
      if (spec.config) ctx.store.removeLocalResource(spec.type, name);
    },
  };
}
