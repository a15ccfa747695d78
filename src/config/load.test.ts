import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';
import { configProblems } from '../../test/support/config-problems.js';

const ISSUE_EXAMPLE = `name: widget            # stack and resource name prefix
env: dev
source: {provider: connection, owner: acme, repository: widget, branch: main}
image: {repository: widget, tagMutability: MUTABLE, scanOnPush: true, containerName: widget}
build: {buildspec: buildspec.yml, computeType: BUILD_GENERAL1_SMALL, timeoutMinutes: 30}
artifacts: {bucket: ""}  # empty: the stack creates one
`;


describe('slipway.yml', () => {
  it('accepts the documented shape and fills in every default', () => {
    const config = parseConfig(ISSUE_EXAMPLE, 'slipway.yml');
    expect(config.source).toMatchObject({ provider: 'connection', owner: 'acme', branch: 'main', trigger: 'webhook' });
    expect(config.image).toMatchObject({ repository: 'widget', scanOnPush: true, lifecycle: { expireUntaggedAfterDays: 14, keepLastTagged: 50 } });
    expect(config.build).toMatchObject({ image: 'aws/codebuild/standard:7.0', inlineBuildspec: false, logRetentionDays: 30 });
    expect(config.pipeline.executionMode).toBe('QUEUED');
    expect(config.artifacts).toEqual({ bucket: '', expireAfterDays: 30, encryption: 'S3_MANAGED' });
  });

  it('derives the repository and container names from `name`', () => {
    const config = parseConfig('name: shop\nsource: {repository: shop, owner: acme}\n', 'slipway.yml');
    expect(config.image.repository).toBe('shop');
    expect(config.image.containerName).toBe('shop');
    expect(config.env).toBe('dev');
  });

  it('reports every problem at once, each with its path and line:column', () => {
    const problems = configProblems(`name: Widget
sorce: x
source:
  provider: gitlab
  repository: widget
  triger: polling
build:
  timeoutMinutes: 3
`);
    expect(problems).toEqual([
      'slipway.yml:1:7 name: expected 1–30 lowercase letters, digits or hyphens, starting with a letter, found "Widget"',
      `slipway.yml:4:13 source.provider: expected one of "connection", "github", "codecommit", found "gitlab"`,
      expect.stringMatching(/^slipway\.yml:6:3 source\.triger: unknown key 'triger'; did you mean 'trigger'\?/),
      'slipway.yml:8:19 build.timeoutMinutes: expected at least 5, found 3',
      expect.stringMatching(/^slipway\.yml:2:1 sorce: unknown key 'sorce'; did you mean 'source'\?/),
    ]);
  });

  it('checks rules that tie fields together after each field passes alone', () => {
    expect(configProblems('name: w\nsource:\n  repository: widget\n  owner: acme\n  trigger: polling\n')).toEqual([
      "slipway.yml:5:12 source.trigger: a connection source cannot poll: expected 'webhook' (push trigger) or 'none'",
    ]);
    expect(configProblems('name: w\nsource: {repository: widget}\n')).toEqual([
      "slipway.yml:2:9 source.provider: provider 'connection' needs source.owner (the GitHub user or organization)",
    ]);
    expect(configProblems('name: w\nsource: {repository: w, owner: a}\nimage: {tagMutability: IMMUTABLE_WITH_EXCLUSION}\n')).toEqual([
      'slipway.yml:3:24 image.tagMutability: IMMUTABLE_WITH_EXCLUSION needs image.tagMutabilityExclusions (1 to 5 tag filters)',
    ]);
  });

  it('refuses a GitHub token written as a plain string', () => {
    const [problem] = configProblems('name: w\nsource: {provider: github, repository: w, owner: a, oauthToken: ghp_secret}\n');
    expect(problem).toMatch(/^slipway\.yml:2:65 source\.oauthToken: expected object, found "ghp_secret"/);
  });

  it('reports YAML syntax errors such as tab indentation with their position', () => {
    const [problem] = configProblems('name: w\nsource:\n\trepository: x\n');
    expect(problem).toMatch(/^slipway\.yml:3:1 /);
    expect(problem).toMatch(/tab/i);
  });

  it('places a key indented one column too deep on its own line, once, with the column it belongs at', () => {
    // YAML reads `   repository:` as more of owner's value; the parser reports line 4, where that value starts.
    expect(configProblems('name: w\nsource:\n  provider: github\n  owner: acme\n   repository: widget\n')).toEqual([
      "slipway.yml:5:4 invalid YAML: 'repository' is indented more than 'owner' on line 4, so it reads as part of owner's value; keys of one mapping start at the same column (3 here)",
    ]);
    expect(configProblems('name: w\n env: dev\nsource: {owner: a, repository: w}\n')).toEqual([
      "slipway.yml:2:2 invalid YAML: 'env' is indented more than 'name' on line 1, so it reads as part of name's value; keys of one mapping start at the same column (1 here)",
    ]);
  });

  it('places a key indented too little at its first character, naming the first key of its mapping', () => {
    expect(configProblems('name: w\nsource: {owner: a, repository: w}\nbuild:\n    timeoutMinutes: 30\n\n    # the size\n  computeType: BUILD_GENERAL1_SMALL\n')).toEqual([
      "slipway.yml:7:3 invalid YAML: 'computeType' starts at column 3, but 'timeoutMinutes' on line 4, in the same mapping, starts at column 5; keys of one mapping start at the same column",
    ]);
  });

  it('names what is missing when a required key is absent', () => {
    expect(configProblems('name: w\n')).toEqual(['slipway.yml:1:1 source: required object is missing']);
  });
});

describe('slipway.yml rules found by running slipway for real', () => {
  it('keeps the variables the template sets for the buildspec out of build.environment', () => {
    expect(configProblems('name: w\nsource: {owner: a, repository: w}\nbuild:\n  environment:\n    REPOSITORY_URI: x\n')).toEqual([
      "slipway.yml:5:21 build.environment.REPOSITORY_URI: REPOSITORY_URI is set by the template itself (it points at the stack's own resources)",
    ]);
  });

  it('says why a build variable name is refused', () => {
    expect(configProblems('name: w\nsource: {owner: a, repository: w}\nbuild:\n  environment:\n    CODEBUILD_X: y\n')).toEqual([
      'slipway.yml:5:5 build.environment.CODEBUILD_X: key "CODEBUILD_X": expected a variable name not starting with CODEBUILD_ (reserved)',
    ]);
  });

  it('names a key written twice, and suggests the key whose letters were swapped', () => {
    expect(configProblems('name: w\nname: v\nsource: {owner: a, repository: w}\n')).toEqual([
      "slipway.yml:2:1 the key 'name' appears twice in the same mapping",
    ]);
    expect(configProblems('nmae: w\nsource: {owner: a, repository: w}\n')[1]).toMatch(/^slipway\.yml:1:1 nmae: unknown key 'nmae'; did you mean 'name'\?/);
  });

  it('asks for an existing connection for GitHub Enterprise Server', () => {
    expect(configProblems('name: w\nsource: {owner: a, repository: w, connectionProvider: GitHubEnterpriseServer}\n')).toEqual([
      'slipway.yml:2:55 source.connectionProvider: a GitHubEnterpriseServer connection cannot be created by the stack: create it in the console, then set source.connectionArn',
    ]);
  });
});
