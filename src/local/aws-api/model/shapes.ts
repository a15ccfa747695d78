// The AWS API model as the version 2 JavaScript SDK publishes it (apis/*.min.json): operations
// with input and output shapes, and shapes that refer to shared ones by id (`{"shape": "S1a"}`).
// `RawShape` is the file's form; `Shape` is the resolved form the protocols walk.

/** The shape types the models use (AWS's "shape types": structure, list, map and the scalars). */
export type ShapeType = 'structure' | 'list' | 'map' | 'string' | 'boolean' | 'integer' | 'long' | 'float' | 'double' | 'timestamp' | 'blob';

/** Where a REST member lives in the HTTP message (none: the body). */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

/** How a timestamp is written, when not the protocol's default. */
export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

/** A shape as a min.json file writes it: a definition, or a reference with member traits. */
export interface RawShape {
  shape?: string;
  type?: ShapeType;
  members?: Record<string, RawShape>;
  member?: RawShape;
  key?: RawShape;
  value?: RawShape;
  required?: string[];
  location?: MemberLocation;
  locationName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: string | { prefix?: string; uri: string };
  timestampFormat?: TimestampFormat;
  payload?: string;
  streaming?: boolean;
  resultWrapper?: string;
}

/** An operation as a min.json file writes it (method POST and URI `/` are left out). */
export interface RawOperation {
  http?: { method?: string; requestUri?: string; responseCode?: number };
  input?: RawShape;
  output?: RawShape;
}

/** A whole min.json file. */
export interface RawModel {
  metadata: ModelMetadata;
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
}

/** The service's wire facts. */
export interface ModelMetadata {
  apiVersion: string;
  endpointPrefix: string;
  protocol: 'json' | 'query' | 'rest-xml' | 'rest-json' | 'ec2';
  jsonVersion?: string;
  targetPrefix?: string;
  signingName?: string;
  xmlNamespace?: string;
  serviceId: string;
}

/** A resolved shape: references followed, the type filled in (min.json leaves out `string`). */
export interface Shape {
  type: ShapeType;
  members: Readonly<Record<string, Shape>>;
  member?: Shape;
  key?: Shape;
  value?: Shape;
  required: readonly string[];
  location?: MemberLocation;
  locationName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: { prefix?: string; uri: string };
  timestampFormat?: TimestampFormat;
  payload?: string;
  streaming?: boolean;
  resultWrapper?: string;
}

/** One operation with its HTTP binding. */
export interface Operation {
  name: string;
  method: string;
  requestUri: string;
  responseCode?: number;
  input: Shape;
  output?: Shape;
}

/** One service's model. */
export interface ServiceModel {
  /** The name of its file in models/, e.g. `codestar-connections`. */
  name: string;
  metadata: ModelMetadata;
  /** The name SigV4 credential scopes carry (`signingName`, else `endpointPrefix`). */
  signingName: string;
  operations: ReadonlyMap<string, Operation>;
}
