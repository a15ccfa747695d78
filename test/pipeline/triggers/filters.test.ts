// The filters a trigger applies, on plain data: V2 trigger globs and filters (push by branch, tag
// and file path; pull requests by event, target branch and file path; excludes win) and a
// CodePipeline webhook's JSONPath filters with `{Key}` substitution.
import { describe, expect, it } from 'vitest';
import { triggerMatches } from '../../../src/local/pipeline/git-triggers.js';
import { selectJsonPath } from '../../../src/local/pipeline/json-path.js';
import { globMatches } from '../../../src/local/pipeline/trigger-globs.js';
import { applyFilters } from '../../../src/local/pipeline/webhook-filters.js';

describe('trigger globs', () => {
  it.each([
    ['feature/*', 'feature/login', true], ['feature/*', 'feature/a/b', false], ['feature/**', 'feature/a/b', true],
    ['src/**/*.ts', 'src/a.ts', true], ['src/**/*.ts', 'src/deep/er/a.ts', true], ['*.md', 'docs/a.md', false], ['**/*.md', 'docs/a.md', true],
    ['**', '.github/workflows/ci.yml', true], ['v?', 'v1', true], ['v?', 'v10', false], ['v[0-9]*', 'v2.1', true], ['v[!0]*', 'v0.1', false],
    ['v[!0]*', 'v1.1', true], ['{main,release/*}', 'release/1', true], ['{main,release/*}', 'dev', false], ['a\\*b', 'a*b', true], ['a\\*b', 'axb', false],
    ['release.1', 'releasex1', false],
  ])('%s against %s is %s', (pattern, value, expected) => expect(globMatches(pattern, value)).toBe(expected));
});

const git = {
  SourceActionName: 'Source',
  Push: [
    { Branches: { Includes: ['main', 'release/**'], Excludes: ['release/old*'] }, FilePaths: { Includes: ['src/**'], Excludes: ['src/**/*.md'] } },
    { Tags: { Includes: ['v*'], Excludes: ['v0*'] } },
  ],
  PullRequest: [{ Events: ['OPEN', 'UPDATED'], Branches: { Includes: ['main'] }, FilePaths: { Includes: ['src/**'] } }],
};
const push = (ref: string, files?: string[]) => triggerMatches(git, { kind: 'push', ref, commit: 'c', files }).matched;
const pr = (event: 'OPEN' | 'UPDATED' | 'CLOSED', targetBranch: string, files: string[]) => triggerMatches(git, { kind: 'pullRequest', event, targetBranch, commit: 'c', files }).matched;

describe('V2 trigger filters', () => {
  it('a branch push needs an included, not excluded branch and a changed file passing FilePaths', () => {
    expect(push('refs/heads/main', ['src/app.ts'])).toBe(true);
    expect(push('refs/heads/release/2/hotfix', ['src/app.ts'])).toBe(true);
    expect(push('refs/heads/release/old-1', ['src/app.ts'])).toBe(false);
    expect(push('refs/heads/dev', ['src/app.ts'])).toBe(false);
    expect(push('refs/heads/main', ['README.md'])).toBe(false);
    expect(push('refs/heads/main', ['src/notes.md'])).toBe(false);
    expect(push('refs/heads/main', ['src/notes.md', 'src/x.ts'])).toBe(true);
    expect(push('refs/heads/main', undefined)).toBe(false);
  });

  it('a tag push is matched by the tag filter alone', () => {
    expect(push('refs/tags/v1.0')).toBe(true);
    expect(push('refs/tags/v0.9')).toBe(false);
    expect(push('refs/tags/x1')).toBe(false);
  });

  it('a pull request matches by event, target branch and changed files, and says why not', () => {
    expect(pr('OPEN', 'main', ['src/a.ts'])).toBe(true);
    expect(pr('UPDATED', 'main', ['src/a.ts'])).toBe(true);
    expect(pr('CLOSED', 'main', ['src/a.ts'])).toBe(false);
    expect(pr('OPEN', 'dev', ['src/a.ts'])).toBe(false);
    expect(pr('OPEN', 'main', ['docs/a.md'])).toBe(false);
    expect(triggerMatches(git, { kind: 'pullRequest', event: 'CLOSED', targetBranch: 'main', commit: 'c', files: [] }).reason).toBe('filter 1: the pull request event CLOSED is not in Events');
  });

  it('reads the API\'s camelCase shape too, and a trigger without pull-request filters starts no pull request', () => {
    const api = { sourceActionName: 'Source', push: [{ branches: { includes: ['main'] } }] };
    expect(triggerMatches(api, { kind: 'push', ref: 'refs/heads/main', commit: 'c', files: [] }).matched).toBe(true);
    expect(triggerMatches(api, { kind: 'pullRequest', event: 'OPEN', targetBranch: 'main', commit: 'c', files: [] })).toEqual({ matched: false, reason: 'the trigger has no PullRequest filters' });
  });
});

describe('webhook filters', () => {
  const payload = { ref: 'refs/heads/main', repository: { full_name: 'acme/app', 'odd name': 1 }, commits: [{ id: 'a1' }, { id: 'b2' }], action: 'published' };

  it('selects with the JsonPath forms webhooks use', () => {
    expect(selectJsonPath('$.ref', payload)).toEqual(['refs/heads/main']);
    expect(selectJsonPath("$['repository']['full_name']", payload)).toEqual(['acme/app']);
    expect(selectJsonPath('$.commits[1].id', payload)).toEqual(['b2']);
    expect(selectJsonPath('$.commits[-1].id', payload)).toEqual(['b2']);
    expect(selectJsonPath('$.commits[*].id', payload)).toEqual(['a1', 'b2']);
    expect(selectJsonPath('$..id', payload)).toEqual(['a1', 'b2']);
    expect(selectJsonPath('$.missing.deeper', payload)).toEqual([]);
  });

  it('needs every filter to match, with {Key} replaced by the target action\'s configuration', () => {
    const config = { Branch: 'main', Owner: 'acme' };
    expect(applyFilters([{ jsonPath: '$.ref', matchEquals: 'refs/heads/{Branch}' }], payload, config)).toEqual({ matched: true });
    expect(applyFilters([{ jsonPath: '$.ref', matchEquals: 'refs/heads/{Branch}' }], payload, { Branch: 'dev' })).toEqual({ matched: false, reason: "filter 1 ($.ref) selected 'refs/heads/main', not 'refs/heads/dev'" });
    expect(applyFilters([{ jsonPath: '$.ref', matchEquals: 'refs/heads/{Branch}' }, { jsonPath: '$.repository.full_name', matchEquals: '{Owner}/web' }], payload, config))
      .toEqual({ matched: false, reason: "filter 2 ($.repository.full_name) selected 'acme/app', not 'acme/web'" });
    expect(applyFilters([{ jsonPath: '$.commits[*].id', matchEquals: 'b2' }], payload, config)).toEqual({ matched: true });
    expect(applyFilters([{ jsonPath: '$.action' }], payload, config)).toEqual({ matched: true });
    expect(applyFilters([{ jsonPath: '$.nothing' }], payload, config)).toEqual({ matched: false, reason: 'filter 1 ($.nothing) selects nothing' });
    expect(applyFilters([{ jsonPath: "$.commits[?(@.id == 'a1')]", matchEquals: 'x' }], payload, config)).toMatchObject({ matched: false, reason: expect.stringContaining('not supported locally') });
  });
});
