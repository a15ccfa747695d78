// Reads a buildspec (YAML text) into a validated Buildspec, collecting every problem with its
// key path and line:column. CodeBuild reads buildspecs with a YAML 1.1 parser, so `yes`/`no`
// are booleans (`discard-paths: yes`).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { SlipwayError, type Problem } from '../../errors.js';
import { yamlSyntaxProblems } from '../../yaml/located-document.js';
import {
  BUILDSPEC_PHASES,
  type ArtifactSpec,
  type Buildspec,
  type BuildspecPhaseName,
  type CacheSpec,
  type PhaseSpec,
  type ReportSpec,
} from './buildspec.js';
import { RESERVED_PREFIX } from './environment.js';
import { parseOnFailure } from './on-failure.js';
import { identifierProblem } from './artifact-name.js';
import { cacheRoot } from './cache.js';
import { posix } from 'node:path';
import { closestWord } from '../../text/did-you-mean.js';
import { ARTIFACT_TYPE_KEY, artifactTypeWarning, LEGACY_ENV_KEY, LEGACY_VARIABLES_KEY, legacyEnvWarning } from './buildspec-legacy-keys.js';

const TOP_KEYS = ['version', 'run-as', 'env', 'proxy', 'batch', 'phases', 'reports', 'artifacts', 'cache', LEGACY_ENV_KEY];
const ENV_KEYS = ['shell', 'variables', 'parameter-store', 'secrets-manager', 'exported-variables', 'git-credential-helper'];
const PHASE_KEYS = ['run-as', 'on-failure', 'commands', 'finally', 'runtime-versions'];
const ARTIFACT_KEYS = ['files', 'name', 'discard-paths', 'base-directory', 'exclude-paths', 'enable-symlinks', 's3-prefix', ARTIFACT_TYPE_KEY];
const REPORT_KEYS = ['files', 'base-directory', 'discard-paths', 'file-format'];
const CACHE_KEYS = ['paths', 'key', 'fallback-keys', 'action'];
/** `cache.action` (buildspec reference): restore only, or save only; absent means both. */
const CACHE_ACTIONS = ['restore', 'save'] as const;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The outcome of reading a buildspec: the value when valid, and every problem found. */
export interface BuildspecReading {
  buildspec?: Buildspec;
  problems: Problem[];
}

/** Walks the YAML tree and records problems at the node they concern. */
class Reader {
  readonly problems: Problem[] = [];
  constructor(
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly file: string | undefined,
  ) {}

  problem(node: Node | null | undefined, path: string, message: string, severity: 'error' | 'warning' = 'error'): void {
    const offset = node?.range?.[0];
    const pos = offset === undefined ? undefined : this.lines.linePos(offset);
    this.problems.push({ message, path, file: this.file, line: pos?.line, column: pos?.col, severity });
  }

  /** A scalar as CodeBuild would read it: plain numbers and booleans keep their source text. */
  string(node: unknown, path: string): string | undefined {
    if (isScalar(node)) {
      if (node.value === null) return undefined;
      if (typeof node.value === 'string') return node.value;
      const range = node.range;
      return range ? this.text.slice(range[0], range[1]).trim() : String(node.value);
    }
    this.problem(node as Node, path, isMap(node) ? this.mappingMessage(node) : 'expected a string');
    return undefined;
  }

  private mappingMessage(node: YAMLMap): string {
    const first = node.items[0];
    const key = isScalar(first?.key) ? String(first.key.value) : '';
    return `expected a string but found a mapping (key "${key}"): quote the whole value when it contains ": "`;
  }

  boolean(node: unknown, path: string): boolean {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    if (isScalar(node) && node.value === null) return false;
    this.problem(node as Node, path, 'expected yes or no (true or false)');
    return false;
  }

  /** A list of strings; a single string counts as a one-item list (real buildspecs do this). */
  strings(node: unknown, path: string): string[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node)) {
      const one = this.string(node, path);
      return one === undefined ? [] : [one];
    }
    if (!isSeq(node)) {
      this.problem(node as Node, path, 'expected a list of strings');
      return [];
    }
    const out: string[] = [];
    node.items.forEach((item, index) => {
      const value = this.string(item, `${path}[${index}]`);
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** The pairs of a mapping, after checking its keys against the allowed ones. */
  map(node: unknown, path: string, allowed?: string[]): Pair[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) {
      this.problem(node as Node, path, 'expected a mapping');
      return [];
    }
    for (const pair of node.items) {
      const key = keyOf(pair);
      if (allowed && !allowed.includes(key)) {
        const suggestion = closestWord(key, allowed);
        const guess = suggestion ? `; did you mean "${suggestion}"?` : '';
        this.problem(pair.key as Node, path ? `${path}.${key}` : key, `unknown key "${key}"${guess} (expected one of: ${allowed.join(', ')})`);
      }
    }
    return node.items as Pair[];
  }

  /** A mapping of string to string. */
  dictionary(node: unknown, path: string, names = false): Record<string, string> {
    const out: Record<string, string> = {};
    for (const pair of this.map(node, path)) {
      const key = keyOf(pair);
      if (names && !VARIABLE_NAME.test(key)) {
        this.problem(pair.key as Node, `${path}.${key}`, `"${key}" is not a valid environment variable name (letters, digits and _; not starting with a digit)`);
      }
      out[key] = this.string(pair.value, `${path}.${key}`) ?? '';
    }
    return out;
  }
}

/** A mapping key as written: YAML 1.1 would read `N:` or `on:` as booleans. */
function keyOf(pair: Pair): string {
  const key = pair.key;
  if (!isScalar(key)) return '';
  if (typeof key.value === 'string') return key.value;
  return typeof key.source === 'string' ? key.source : String(key.value);
}

function field(pairs: Pair[], name: string): unknown {
  return pairs.find((pair) => keyOf(pair) === name)?.value;
}

function has(pairs: Pair[], name: string): boolean {
  return pairs.some((pair) => keyOf(pair) === name);
}

function readPhase(r: Reader, node: unknown, path: string): PhaseSpec {
  const pairs = r.map(node, path, PHASE_KEYS);
  const phase: PhaseSpec = {
    commands: r.strings(field(pairs, 'commands'), `${path}.commands`),
    finally: r.strings(field(pairs, 'finally'), `${path}.finally`),
    runtimeVersions: r.dictionary(field(pairs, 'runtime-versions'), `${path}.runtime-versions`),
  };
  const runAs = has(pairs, 'run-as') ? r.string(field(pairs, 'run-as'), `${path}.run-as`) : undefined;
  if (runAs) phase.runAs = runAs;
  if (has(pairs, 'on-failure')) {
    const text = r.string(field(pairs, 'on-failure'), `${path}.on-failure`);
    if (text !== undefined) {
      const parsed = parseOnFailure(text);
      if ('error' in parsed) r.problem(field(pairs, 'on-failure') as Node, `${path}.on-failure`, parsed.error);
      else phase.onFailure = parsed;
    }
  }
  return phase;
}

function readArtifact(r: Reader, node: unknown, path: string, allowed: string[]): { spec: ArtifactSpec; pairs: Pair[] } {
  const pairs = r.map(node, path, allowed);
  const spec: ArtifactSpec = {
    files: r.strings(field(pairs, 'files'), `${path}.files`),
    discardPaths: has(pairs, 'discard-paths') ? r.boolean(field(pairs, 'discard-paths'), `${path}.discard-paths`) : false,
    excludePaths: r.strings(field(pairs, 'exclude-paths'), `${path}.exclude-paths`),
    enableSymlinks: has(pairs, 'enable-symlinks') ? r.boolean(field(pairs, 'enable-symlinks'), `${path}.enable-symlinks`) : false,
  };
  if (has(pairs, ARTIFACT_TYPE_KEY)) {
    const type = field(pairs, ARTIFACT_TYPE_KEY);
    r.problem(type as Node, `${path}.type`, artifactTypeWarning(`${path}.type`, r.string(type, `${path}.type`)), 'warning');
  }
  for (const [key, prop] of [['name', 'name'], ['base-directory', 'baseDirectory'], ['s3-prefix', 's3Prefix']] as const) {
    const value = has(pairs, key) ? r.string(field(pairs, key), `${path}.${key}`) : undefined;
    if (value !== undefined) spec[prop] = value;
  }
  return { spec, pairs };
}

function readArtifacts(r: Reader, node: unknown, into: Buildspec): void {
  const { spec, pairs } = readArtifact(r, node, 'artifacts', [...ARTIFACT_KEYS, 'secondary-artifacts']);
  const secondary = field(pairs, 'secondary-artifacts');
  for (const pair of r.map(secondary, 'artifacts.secondary-artifacts')) {
    const id = keyOf(pair);
    const path = `artifacts.secondary-artifacts.${id}`;
    // The identifier names a folder of the artifacts: `../x` would write a zip anywhere.
    const badId = identifierProblem(id);
    if (badId) r.problem(pair.key as Node, path, badId);
    const one = readArtifact(r, pair.value, path, ARTIFACT_KEYS);
    if (one.spec.files.length === 0) r.problem(pair.key as Node, path, 'a secondary artifact needs "files" (a list of paths or globs)');
    into.secondaryArtifacts[id] = one.spec;
  }
  if (spec.files.length > 0) into.artifacts = spec;
  else if (!secondary) {
    const at = (node as Node | undefined) ?? null;
    r.problem(at, 'artifacts', '"artifacts" needs "files" (a list of paths or globs, e.g. - "**/*")');
  }
}

function readReports(r: Reader, node: unknown): ReportSpec[] {
  return r.map(node, 'reports').map((pair) => {
    const name = keyOf(pair);
    const path = `reports.${name}`;
    const pairs = r.map(pair.value, path, REPORT_KEYS);
    const report: ReportSpec = {
      name,
      files: r.strings(field(pairs, 'files'), `${path}.files`),
      discardPaths: has(pairs, 'discard-paths') ? r.boolean(field(pairs, 'discard-paths'), `${path}.discard-paths`) : false,
      fileFormat: (has(pairs, 'file-format') ? r.string(field(pairs, 'file-format'), `${path}.file-format`) : undefined) ?? 'JUNITXML',
    };
    const base = has(pairs, 'base-directory') ? r.string(field(pairs, 'base-directory'), `${path}.base-directory`) : undefined;
    if (base !== undefined) report.baseDirectory = base;
    if (report.files.length === 0) r.problem(pair.key as Node, path, 'a report group needs "files"');
    return report;
  });
}

/** A relative cached folder must stay in the source folder: a restore writes there, a save reads there. */
function checkCachePaths(r: Reader, node: unknown, paths: string[]): void {
  paths.forEach((path, index) => {
    const root = cacheRoot(path);
    if (posix.isAbsolute(root)) return;
    const normal = posix.normalize(root);
    if (normal !== '..' && !normal.startsWith('../')) return;
    const at = isSeq(node) ? (node.items[index] as Node) : (node as Node);
    r.problem(at, `cache.paths[${index}]`, `${path} names the folder ${root}, outside the source folder: a cached folder is a folder of the source (or an absolute path in a container)`);
  });
}

function readCache(r: Reader, node: unknown): CacheSpec {
  const pairs = r.map(node, 'cache', CACHE_KEYS);
  const cache: CacheSpec = {
    paths: r.strings(field(pairs, 'paths'), 'cache.paths'),
    fallbackKeys: r.strings(field(pairs, 'fallback-keys'), 'cache.fallback-keys'),
  };
  checkCachePaths(r, field(pairs, 'paths'), cache.paths);
  const key = has(pairs, 'key') ? r.string(field(pairs, 'key'), 'cache.key') : undefined;
  if (key !== undefined) cache.key = key;
  const action = has(pairs, 'action') ? r.string(field(pairs, 'action'), 'cache.action') : undefined;
  if (action !== undefined && !(CACHE_ACTIONS as readonly string[]).includes(action)) {
    r.problem(field(pairs, 'action') as Node, 'cache.action', `expected one of ${CACHE_ACTIONS.join(', ')} (or no action: restore and save), got "${action}"`);
  } else if (action !== undefined) cache.action = action as CacheSpec['action'];
  if (cache.fallbackKeys.length > 0 && cache.key === undefined) {
    r.problem(field(pairs, 'fallback-keys') as Node, 'cache.fallback-keys', 'fallback-keys are only used with a cache.key; ignored', 'warning');
  }
  return cache;
}

function readEnv(r: Reader, node: unknown, into: Buildspec): void {
  const pairs = r.map(node, 'env', ENV_KEYS);
  const env = into.env;
  env.variables = r.dictionary(field(pairs, 'variables'), 'env.variables', true);
  env.parameterStore = r.dictionary(field(pairs, 'parameter-store'), 'env.parameter-store', true);
  env.secretsManager = r.dictionary(field(pairs, 'secrets-manager'), 'env.secrets-manager', true);
  env.exportedVariables = r.strings(field(pairs, 'exported-variables'), 'env.exported-variables');
  env.exportedVariables.forEach((name, index) => {
    if (!VARIABLE_NAME.test(name)) {
      const list = field(pairs, 'exported-variables');
      const node = isSeq(list) ? (list.items[index] as Node) : (list as Node);
      r.problem(node, `env.exported-variables[${index}]`, `"${name}" is not a valid environment variable name`);
    }
  });
  if (has(pairs, 'git-credential-helper')) env.gitCredentialHelper = r.boolean(field(pairs, 'git-credential-helper'), 'env.git-credential-helper');
  const shell = has(pairs, 'shell') ? r.string(field(pairs, 'shell'), 'env.shell') : undefined;
  if (shell !== undefined) env.shell = shell;
  // CodeBuild reserves the CODEBUILD_ prefix for its own variables, whichever map sets it.
  for (const [key, values] of [['variables', env.variables], ['parameter-store', env.parameterStore], ['secrets-manager', env.secretsManager]] as const) {
    for (const name of Object.keys(values)) {
      if (!name.startsWith(RESERVED_PREFIX)) continue;
      const at = (field(pairs, key) as YAMLMap).items.find((p) => keyOf(p as Pair) === name) as Pair;
      r.problem(at.key as Node, `env.${key}.${name}`, `names starting with ${RESERVED_PREFIX} are reserved for CodeBuild's own variables`);
    }
  }
}

/** `environment_variables.plaintext` (version 0.1's names) as `env.variables`; warned about in 0.2. */
function readLegacyEnv(r: Reader, node: unknown, into: Buildspec): void {
  const pairs = r.map(node, LEGACY_ENV_KEY, [LEGACY_VARIABLES_KEY]);
  const variables = r.dictionary(field(pairs, LEGACY_VARIABLES_KEY), `${LEGACY_ENV_KEY}.${LEGACY_VARIABLES_KEY}`, true);
  into.env.variables = { ...variables, ...into.env.variables };
  if (into.version === '0.2') r.problem(node as Node, LEGACY_ENV_KEY, legacyEnvWarning(), 'warning');
}

function readPhases(r: Reader, node: unknown, into: Buildspec): void {
  for (const pair of r.map(node, 'phases', [...BUILDSPEC_PHASES])) {
    const name = keyOf(pair);
    if ((BUILDSPEC_PHASES as readonly string[]).includes(name)) {
      into.phases[name as BuildspecPhaseName] = readPhase(r, pair.value, `phases.${name}`);
    }
  }
}

function readVersion(r: Reader, pairs: Pair[], root: Node): Buildspec['version'] | undefined {
  if (!has(pairs, 'version')) {
    r.problem(root, 'version', 'the buildspec needs "version: 0.2" (or 0.1)');
    return undefined;
  }
  const text = r.string(field(pairs, 'version'), 'version');
  if (text === '0.2' || text === '0.1') return text;
  r.problem(field(pairs, 'version') as Node, 'version', `unsupported buildspec version "${text}"; expected 0.2 or 0.1`);
  return undefined;
}

/** Parses and validates buildspec text; never throws for bad input, returns the problems. */
export function readBuildspec(text: string, file?: string): BuildspecReading {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(text, lines, file);
  // Later YAML errors are nearly always knock-on effects of the first: report that one.
  const [syntax] = yamlSyntaxProblems(doc, text, file ?? 'buildspec', lines);
  if (syntax) return { problems: [{ ...syntax, file }] };
  const root = doc.contents;
  if (!isMap(root)) {
    r.problem(root, '', 'a buildspec is a YAML mapping starting with "version: 0.2"');
    return { problems: r.problems };
  }
  const pairs = r.map(root, '', TOP_KEYS);
  const spec: Buildspec = {
    version: readVersion(r, pairs, root) ?? '0.2',
    env: { variables: {}, parameterStore: {}, secretsManager: {}, exportedVariables: [], gitCredentialHelper: false },
    phases: {},
    secondaryArtifacts: {},
    reports: [],
  };
  const runAs = has(pairs, 'run-as') ? r.string(field(pairs, 'run-as'), 'run-as') : undefined;
  if (runAs) spec.runAs = runAs;
  if (has(pairs, 'env')) readEnv(r, field(pairs, 'env'), spec);
  if (has(pairs, LEGACY_ENV_KEY)) readLegacyEnv(r, field(pairs, LEGACY_ENV_KEY), spec);
  if (has(pairs, 'phases')) readPhases(r, field(pairs, 'phases'), spec);
  if (has(pairs, 'artifacts')) readArtifacts(r, field(pairs, 'artifacts'), spec);
  if (has(pairs, 'reports')) spec.reports = readReports(r, field(pairs, 'reports'));
  if (has(pairs, 'cache')) spec.cache = readCache(r, field(pairs, 'cache'));
  const errors = r.problems.filter((p) => p.severity !== 'warning');
  return errors.length > 0 ? { problems: r.problems } : { buildspec: spec, problems: r.problems };
}

/** Parses buildspec text or throws a SlipwayError (BUILDSPEC_INVALID) listing every problem. */
export function parseBuildspec(text: string, file?: string): Buildspec {
  const reading = readBuildspec(text, file);
  if (!reading.buildspec) {
    throw new SlipwayError('BuildspecInvalid', `the buildspec ${file ? `${file} ` : ''}is not valid`, {
      problems: reading.problems,
      hint: 'fix the problems listed above; see https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html',
    });
  }
  return reading.buildspec;
}
