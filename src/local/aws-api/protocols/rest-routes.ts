// Finds the REST operation a request calls (S3, path-style): by method, by the URI template's
// path (`/{Bucket}/{Key+}`: one segment per label, the rest for a greedy label) and its query
// markers (`?list-type=2`, `?versions`, `?delete`), and by the query and header members the
// operation requires (UploadPart's partNumber and uploadId, CopyObject's x-amz-copy-source).
// The most specific match wins; among equals, the first in the model (ListBuckets before ListDirectoryBuckets).
import type { Operation, ServiceModel } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { headerValue, type WireRequest } from './protocol.js';

/** The operation a request calls, with its URI labels decoded. */
export interface RestRoute {
  operation: Operation;
  labels: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  operation: Operation;
  segments: string[];
  markers: Array<[string, string | undefined]>;
  requiredQuery: string[];
  requiredHeaders: string[];
}

const compiled = new WeakMap<ServiceModel, CompiledRoute[]>();

/** The best route for `request`, or undefined when no operation's method and URI match. */
export function findRestRoute(model: ServiceModel, request: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers'>): RestRoute | undefined {
  const segments = request.path.split('/').slice(1);
  const queryNames = new Map(request.query.map(([name, value]) => [name, value] as const));
  let best: { route: RestRoute; score: number } | undefined;
  for (const route of routesOf(model)) {
    if (route.operation.method !== request.method) continue;
    const labels = matchSegments(route.segments, segments);
    if (!labels) continue;
    if (!route.markers.every(([name, value]) => queryNames.has(name) && (value === undefined || queryNames.get(name) === value))) continue;
    if (!route.requiredQuery.every((name) => queryNames.has(name))) continue;
    if (!route.requiredHeaders.every((name) => headerValue(request.headers, name) !== undefined)) continue;
    const score = route.markers.length + route.requiredQuery.length + route.requiredHeaders.length;
    if (!best || score > best.score) best = { route: { operation: route.operation, labels }, score };
  }
  return best?.route;
}

function matchSegments(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      const rest = segments.slice(index).join('/');
      if (rest === '') return undefined;
      labels[greedy[1]!] = decodeLabel(rest);
      return labels;
    }
    const segment = segments[index];
    if (segment === undefined || segment === '') return undefined;
    const label = /^\{(.+)\}$/.exec(part);
    if (label) labels[label[1]!] = decodeLabel(segment);
    else if (segment !== part) return undefined;
  }
  // `/bucket/` is the bucket itself, as `/` is the service (a key never ends a bucket-level path).
  const trailingSlash = segments.length === template.length + 1 && segments.at(-1) === '';
  return segments.length === template.length || trailingSlash ? labels : undefined;
}

function decodeLabel(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

function routesOf(model: ServiceModel): CompiledRoute[] {
  let routes = compiled.get(model);
  if (!routes) {
    routes = [...model.operations.values()].map(compileRoute);
    compiled.set(model, routes);
  }
  return routes;
}

function compileRoute(operation: Operation): CompiledRoute {
  const [path = '/', query = ''] = operation.requestUri.split('?');
  const markers = query.split('&').filter(Boolean).map((marker): [string, string | undefined] => {
    const equals = marker.indexOf('=');
    return equals < 0 ? [marker, undefined] : [marker.slice(0, equals), marker.slice(equals + 1)];
  });
  const required = operation.input.required.map((name) => operation.input.members[name]!).filter(Boolean);
  return {
    operation,
    segments: path.split('/').slice(1).filter((segment, index, all) => segment !== '' || index < all.length - 1),
    markers,
    requiredQuery: required.filter((member) => member.location === 'querystring').map((member) => member.locationName!),
    requiredHeaders: required.filter((member) => member.location === 'header').map((member) => member.locationName!),
  };
}
