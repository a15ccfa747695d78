// A tiny HTTP client that sends the request target exactly as written (fetch would normalise
// `..` and `%2e` away, and those are what the path-trick tests must send).
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The spec's error codes in the body, if it is an error envelope. */
  errorCodes(): string[];
  json<T = unknown>(): T;
}

export interface RawRequest {
  headers?: Record<string, string | number>;
  body?: Buffer | string;
}

/** Sends one request to `endpoint` with the path as given. */
export function send(endpoint: string, method: string, path: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const json = <T>() => JSON.parse(body.toString('utf8')) as T;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          json,
          errorCodes: () => (json<{ errors?: { code: string }[] }>().errors ?? []).map((e) => e.code),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
