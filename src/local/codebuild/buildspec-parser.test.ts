import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../errors.js';
import { parseBuildspec, readBuildspec } from './buildspec-parser.js';

const problemsOf = (text: string) => readBuildspec(text, 'buildspec.yml').problems;

describe('reading real-world buildspec shapes', () => {
  it('accepts a leading ---, files as one string, a null commands list and yes/no booleans', () => {
    const spec = parseBuildspec(`---\nversion: 0.2\nphases:\n  install:\n    commands:\n  build:\n    commands:\n      - echo hi\nartifacts:\n  files: imagedefinitions.json\n  discard-paths: yes\n`);
    expect(spec.phases.install?.commands).toEqual([]);
    expect(spec.phases.build?.commands).toEqual(['echo hi']);
    expect(spec.artifacts).toMatchObject({ files: ['imagedefinitions.json'], discardPaths: true });
  });

  it('accepts version 0.1 and keeps a multi-line | block as one command', () => {
    const spec = parseBuildspec(`version: 0.1\nphases:\n  build:\n    commands:\n      - |\n        echo a\n        echo b\n`);
    expect(spec.version).toBe('0.1');
    expect(spec.phases.build?.commands).toEqual(['echo a\necho b\n']);
  });

  it('keeps plain scalars that YAML would read as numbers or booleans as their text', () => {
    const spec = parseBuildspec(`version: 0.2\nenv:\n  variables:\n    N: 007\n    B: yes\nphases:\n  build:\n    commands:\n      - true\n`);
    expect(spec.env.variables).toEqual({ N: '007', B: 'yes' });
    expect(spec.phases.build?.commands).toEqual(['true']);
  });

  it('reads every section: env, on-failure, run-as, secondary artifacts, reports, cache', () => {
    const spec = parseBuildspec(
      [
        'version: 0.2',
        'run-as: root',
        'env:',
        '  shell: bash',
        '  parameter-store: {P: /p}',
        '  secrets-manager: {S: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::"}',
        '  exported-variables: [IMAGE_TAG]',
        '  git-credential-helper: yes',
        'phases:',
        '  build:',
        '    run-as: nobody',
        '    on-failure: RETRY-2-Timeout.*',
        '    commands: [make]',
        '    finally: [echo done]',
        'artifacts:',
        '  secondary-artifacts:',
        '    Out: {files: ["**/*"], name: out}',
        'reports:',
        '  unit: {files: ["**/*.xml"], file-format: JUNITXML}',
        'cache:',
        '  paths: ["node_modules/**/*"]',
      ].join('\n'),
    );
    expect(spec.phases.build).toMatchObject({ runAs: 'nobody', onFailure: { action: 'RETRY', retries: 2, pattern: 'Timeout.*' }, finally: ['echo done'] });
    expect(spec.env).toMatchObject({ shell: 'bash', exportedVariables: ['IMAGE_TAG'], gitCredentialHelper: true });
    expect(spec.artifacts).toBeUndefined();
    expect(spec.secondaryArtifacts.Out).toMatchObject({ files: ['**/*'], name: 'out' });
    expect(spec.reports[0]).toMatchObject({ name: 'unit', fileFormat: 'JUNITXML' });
    expect(spec.cache?.paths).toEqual(['node_modules/**/*']);
  });

  it('reads cache.key, cache.fallback-keys (one string or a list) and cache.action', () => {
    const spec = parseBuildspec('version: 0.2\ncache:\n  key: npm-$(codebuild-hash-files package-lock.json)\n  fallback-keys: npm-\n  action: restore\n  paths: [node_modules/**/*]\n');
    expect(spec.cache).toEqual({ paths: ['node_modules/**/*'], key: 'npm-$(codebuild-hash-files package-lock.json)', fallbackKeys: ['npm-'], action: 'restore' });
  });
});

describe('rejecting invalid buildspecs with file, key path and line:column', () => {
  it('a tab used for indentation', () => {
    const [problem] = problemsOf('version: 0.2\nphases:\n\tbuild:\n    commands: [x]\n');
    expect(problem).toMatchObject({ file: 'buildspec.yml', line: 3 });
    expect(problem?.message).toMatch(/tab/i);
  });

  it('a command that became a mapping because of an unquoted ": "', () => {
    expect(problemsOf('version: 0.2\nphases:\n  build:\n    commands:\n      - echo "a"\n      - echo Result: done\n')).toEqual([
      expect.objectContaining({ path: 'phases.build.commands[1]', line: 6, column: 9, message: expect.stringMatching(/mapping.*quote/) }),
    ]);
  });

  it('an unknown phase name', () => {
    expect(problemsOf('version: 0.2\nphases:\n  compile:\n    commands: [x]\n')).toEqual([
      expect.objectContaining({ path: 'phases.compile', line: 3, column: 3, message: expect.stringContaining('unknown key "compile"') }),
    ]);
  });

  it('artifacts without files', () => {
    expect(problemsOf('version: 0.2\nartifacts:\n  name: x\n')).toEqual([
      expect.objectContaining({ path: 'artifacts', line: 3, message: expect.stringContaining('needs "files"') }),
    ]);
  });

  it('a missing or unsupported version, a bad on-failure, a reserved variable name: all reported at once', () => {
    const problems = problemsOf('version: 0.3\nenv:\n  variables:\n    CODEBUILD_X: y\nphases:\n  build:\n    on-failure: RETRY-101\n');
    expect(problems.map((p) => p.path)).toEqual(['version', 'phases.build.on-failure', 'env.variables.CODEBUILD_X'].sort((a, b) => problems.findIndex((p) => p.path === a) - problems.findIndex((p) => p.path === b)));
    expect(problems).toHaveLength(3);
    expect(problemsOf('phases: {}\n')[0]).toMatchObject({ path: 'version' });
  });

  it('a cache.action other than restore or save', () => {
    expect(problemsOf('version: 0.2\ncache:\n  key: k\n  action: both\n  paths: [x]\n')).toEqual([
      expect.objectContaining({ path: 'cache.action', line: 4, column: 11, message: 'expected one of restore, save (or no action: restore and save), got "both"' }),
    ]);
  });

  it('fallback-keys without a cache.key: a warning, the buildspec still runs', () => {
    const reading = readBuildspec('version: 0.2\ncache:\n  fallback-keys: [npm-]\n  paths: [x]\n', 'buildspec.yml');
    expect(reading.buildspec).toBeDefined();
    expect(reading.problems).toEqual([expect.objectContaining({ path: 'cache.fallback-keys', line: 3, severity: 'warning' })]);
  });

  it('an exported variable that is not a variable name', () => {
    expect(problemsOf('version: 0.2\nenv:\n  exported-variables:\n    - OK\n    - "$(rm -rf x)"\n')).toEqual([
      expect.objectContaining({ path: 'env.exported-variables[1]', line: 5, column: 7 }),
    ]);
  });

  it('parseBuildspec throws one SlipwayError listing every problem', () => {
    try {
      parseBuildspec('version: 0.2\nphases:\n  nope: {}\nartifacts: {}\n', 'b.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).code).toBe('BuildspecInvalid');
      expect((error as SlipwayError).problems).toHaveLength(2);
    }
  });
});

describe('reserved CODEBUILD_ names', () => {
  it('are rejected in variables, parameter-store and secrets-manager, each with its line', () => {
    const problems = problemsOf('version: 0.2\nenv:\n  variables:\n    CODEBUILD_A: x\n  parameter-store:\n    CODEBUILD_B: /p\n  secrets-manager:\n    CODEBUILD_C: s:k\n    FINE: s:k\n');
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['env.variables.CODEBUILD_A', 4],
      ['env.parameter-store.CODEBUILD_B', 6],
      ['env.secrets-manager.CODEBUILD_C', 8],
    ]);
    expect(problems[1]!.message).toContain('reserved');
  });
});

describe('misspelt keys (issue 17)', () => {
  it.each([
    ['phases:\n  biuld:\n    commands: [x]\n', 'phases.biuld', 'did you mean "build"?'],
    ['phases:\n  build:\n    comands: [x]\n', 'phases.build.comands', 'did you mean "commands"?'],
    ['artifact:\n  files: [x]\n', 'artifact', 'did you mean "artifacts"?'],
    ['cache:\n  path: [x]\n', 'cache.path', 'did you mean "paths"?'],
  ])('%s gets "did you mean"', (text, path, guess) => {
    expect(problemsOf(`version: 0.2\n${text}`)).toEqual([expect.objectContaining({ path, message: expect.stringContaining(guess) })]);
  });

  it('a key far from every known one gets no guess, only the list', () => {
    expect(problemsOf('version: 0.2\nphases:\n  zzzzzz: {}\n')[0]?.message).toBe('unknown key "zzzzzz" (expected one of: install, pre_build, build, post_build)');
  });
});

describe('keys CodeBuild documents as deprecated ("Buildspec versions"): read, with a warning', () => {
  it('artifacts: type: zip (AWS SAM templates shipped it), also in a secondary artifact', () => {
    const reading = readBuildspec('version: 0.2\nartifacts:\n  type: zip\n  files: [x]\n  secondary-artifacts:\n    Two:\n      type: zip\n      files: [y]\n', 'buildspec.yml');
    expect(reading.buildspec?.artifacts?.files).toEqual(['x']);
    expect(reading.problems).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'artifacts.type', line: 3, message: 'artifacts.type (zip) is deprecated since buildspec version 0.2 and ignored: artifacts are zip files' }),
      expect.objectContaining({ severity: 'warning', path: 'artifacts.secondary-artifacts.Two.type', line: 7 }),
    ]);
  });

  it('environment_variables.plaintext, version 0.1\'s env.variables: read silently in 0.1, with a warning in 0.2', () => {
    const old = readBuildspec('version: 0.1\nenvironment_variables:\n  plaintext:\n    A: "1"\n', 'buildspec.yml');
    expect(old.buildspec?.env.variables).toEqual({ A: '1' });
    expect(old.problems).toEqual([]);
    const renamed = readBuildspec('version: 0.2\nenvironment_variables:\n  plaintext:\n    A: "1"\n    B: "2"\nenv:\n  variables:\n    B: env\n', 'buildspec.yml');
    expect(renamed.buildspec?.env.variables).toEqual({ A: '1', B: 'env' });
    expect(renamed.problems).toEqual([expect.objectContaining({ severity: 'warning', path: 'environment_variables', message: expect.stringContaining('renamed to env.variables in version 0.2') })]);
  });
});

describe('names that become paths (issue 16)', () => {
  it.each(['../x', '/tmp/x', '..', 'a b', 'x'.repeat(129)])('a secondary artifact identifier %s is refused', (id) => {
    expect(problemsOf(`version: 0.2\nartifacts:\n  secondary-artifacts:\n    "${id}":\n      files: [a]\n`)).toEqual([
      expect.objectContaining({ path: `artifacts.secondary-artifacts.${id}`, message: expect.stringContaining('is not a valid artifact identifier') }),
    ]);
  });

  it.each(['..', '../x/**/*', 'a/../../x'])('a cache path %s outside the source folder is refused', (path) => {
    expect(problemsOf(`version: 0.2\ncache:\n  paths: ['${path}']\n`)).toEqual([expect.objectContaining({ path: 'cache.paths[0]', message: expect.stringContaining('outside the source folder') })]);
  });

  it.each(['/root/.m2/**/*', 'a/../b/**/*', '**/*'])('a cache path %s is fine', (path) => {
    expect(problemsOf(`version: 0.2\ncache:\n  paths: ['${path}']\n`)).toEqual([]);
  });
});
