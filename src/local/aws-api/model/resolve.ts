// Turns a min.json model into typed shapes. min.json inlines most shapes and shares the rest by
// id (`{"shape": "S1a", "locationName": "Tag"}`: the shared shape plus this member's own traits);
// a member without `type` is a string. Shared shapes may refer to themselves, so each is created
// before its children and member traits sit on an object whose prototype is the shared shape.
import type { Operation, RawModel, RawShape, ServiceModel, Shape } from './shapes.js';

const EMPTY_INPUT: RawShape = { type: 'structure', members: {} };

/** The traits a member reference may add to the shape it refers to. */
const MEMBER_TRAITS = ['location', 'locationName', 'flattened', 'xmlAttribute', 'xmlNamespace', 'timestampFormat', 'streaming', 'payload', 'resultWrapper'] as const;

/** The model of the min.json file `raw`, known under `name`. */
export function resolveModel(name: string, raw: RawModel): ServiceModel {
  const resolver = new ShapeResolver(name, raw.shapes);
  const operations = new Map<string, Operation>();
  for (const [operationName, operation] of Object.entries(raw.operations)) {
    operations.set(operationName, {
      name: operationName,
      method: operation.http?.method ?? 'POST',
      requestUri: operation.http?.requestUri ?? '/',
      responseCode: operation.http?.responseCode,
      input: resolver.resolve(operation.input ?? EMPTY_INPUT),
      output: operation.output && resolver.resolve(operation.output),
    });
  }
  const signingName = raw.metadata.signingName ?? raw.metadata.endpointPrefix;
  return { name, metadata: raw.metadata, signingName, operations };
}

class ShapeResolver {
  private readonly shared = new Map<string, Shape>();

  constructor(
    private readonly model: string,
    private readonly table: Record<string, RawShape>,
  ) {}

  resolve(raw: RawShape): Shape {
    if (raw.shape === undefined) return this.build(raw);
    const base = this.sharedShape(raw.shape);
    const traits = traitsOf(raw);
    return Object.keys(traits).length === 0 ? base : Object.assign(Object.create(base) as Shape, traits);
  }

  private sharedShape(id: string): Shape {
    const known = this.shared.get(id);
    if (known) return known;
    const raw = this.table[id];
    if (!raw) throw new Error(`models/${this.model}.json refers to shape '${id}', which its "shapes" table does not have`);
    const shape = {} as Shape;
    this.shared.set(id, shape);
    return Object.assign(shape, this.build(raw));
  }

  private build(raw: RawShape): Shape {
    const members: Record<string, Shape> = {};
    for (const [name, member] of Object.entries(raw.members ?? {})) members[name] = this.resolve(member);
    return {
      type: raw.type ?? (raw.members ? 'structure' : 'string'),
      members,
      member: raw.member && this.resolve(raw.member),
      key: raw.key && this.resolve(raw.key),
      value: raw.value && this.resolve(raw.value),
      required: raw.required ?? [],
      ...traitsOf(raw),
    };
  }
}

function traitsOf(raw: RawShape): Partial<Shape> {
  const traits: Record<string, unknown> = {};
  for (const trait of MEMBER_TRAITS) {
    const value = raw[trait];
    if (value === undefined) continue;
    traits[trait] = trait === 'xmlNamespace' && typeof value === 'string' ? { uri: value } : value;
  }
  return traits as Partial<Shape>;
}
