// A ParameterSource read from a JSON or YAML file (`slipway build --parameters FILE`, or
// `<home>/parameters.json`):
//
//   parameters:
//     /app/db/host: db.internal            # a plain value
//     /app/db/password: { value: s3cret, type: SecureString }
//   secrets:
//     prod/app: '{"username":"app","password":"pw"}'   # SecretString, stage AWSCURRENT
//     prod/other:
//       versions:
//         - { versionId: v1, stages: [AWSPREVIOUS], secretString: old }
//         - { versionId: v2, stages: [AWSCURRENT], secretString: new }
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { SlipwayError } from '../../errors.js';
import type { ParameterSource, SecretQuery } from './store.js';

const secretVersion = z.object({
  versionId: z.string(),
  stages: z.array(z.string()).default([]),
  secretString: z.string(),
});
const fileSchema = z.object({
  parameters: z.record(z.string(), z.union([z.string(), z.object({ value: z.string(), type: z.string().optional() })])).default({}),
  secrets: z.record(z.string(), z.union([z.string(), z.object({ versions: z.array(secretVersion).min(1) })])).default({}),
});
type ParametersFile = z.infer<typeof fileSchema>;

/** The short name of a secret given by ARN (`arn:...:secret:name-AbCdEf` → `name`). */
function secretName(id: string): string {
  const match = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(id);
  return match?.[1] ?? id;
}

/** Parameters and secrets held in memory, read from a file. */
export class FileParameterSource implements ParameterSource {
  private constructor(private readonly data: ParametersFile) {}

  /** Reads and validates the file; a missing file is an error naming it. */
  static async load(path: string): Promise<FileParameterSource> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new SlipwayError('ParametersFileUnreadable', `cannot read the parameters file ${path}`, { cause: error, hint: 'check the path given to --parameters' });
    }
    return FileParameterSource.fromText(text, path);
  }

  /** Parses file text (JSON is YAML too). */
  static fromText(text: string, path = 'parameters'): FileParameterSource {
    const parsed = fileSchema.safeParse(parse(text) ?? {});
    if (!parsed.success) {
      throw new SlipwayError('ParametersFileInvalid', `the parameters file ${path} is not valid`, {
        problems: parsed.error.issues.map((issue) => ({ file: path, path: issue.path.join('.'), message: issue.message })),
        hint: 'expected "parameters: {name: value}" and "secrets: {id: secretString}"',
      });
    }
    return new FileParameterSource(parsed.data);
  }

  getParameter(name: string): Promise<string | undefined> {
    const entry = this.data.parameters[name];
    return Promise.resolve(typeof entry === 'string' ? entry : entry?.value);
  }

  getSecretString(query: SecretQuery): Promise<string | undefined> {
    const entry = this.data.secrets[query.secretId] ?? this.data.secrets[secretName(query.secretId)];
    if (entry === undefined) return Promise.resolve(undefined);
    if (typeof entry === 'string') {
      const plain = query.versionId === undefined && (query.versionStage ?? 'AWSCURRENT') === 'AWSCURRENT';
      return Promise.resolve(plain ? entry : undefined);
    }
    const version = entry.versions.find((v) =>
      query.versionId !== undefined ? v.versionId === query.versionId && (!query.versionStage || v.stages.includes(query.versionStage)) : v.stages.includes(query.versionStage ?? 'AWSCURRENT'),
    );
    return Promise.resolve(version?.secretString);
  }
}
