// One tiny buildspec per rule of ../../../shared/spec/aws-semantics.md §1, each run on the host
// (bash) and in a busybox container (sh), as CodeBuild would run it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, commandPhases, phaseList, runCase, tempDir, writeFiles, type CaseOptions, type CaseResult, type RunnerName } from './build-harness.js';
import { zipEntries } from './zip-entries.js';

interface Rule {
  rule: string;
  buildspec: string;
  options?: CaseOptions;
  check: (r: CaseResult, runner: RunnerName) => void | Promise<void>;
}

const counter = (file: string) => `n=$(cat ${file} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${file}`;

const rules: Rule[] = [
  {
    rule: 'phases run in CodeBuild order and all succeed',
    buildspec: `---\nversion: 0.2\nphases:\n  install:\n    commands:\n  pre_build:\n    commands:\n      - echo pre\n  build:\n    commands:\n      - echo build\n  post_build:\n    commands:\n      - echo post\n`,
    check: ({ build, output }) => {
      expect(phaseList(build)).toEqual([
        'SUBMITTED:SUCCEEDED', 'QUEUED:SUCCEEDED', 'PROVISIONING:SUCCEEDED', 'DOWNLOAD_SOURCE:SUCCEEDED', 'INSTALL:SUCCEEDED',
        'PRE_BUILD:SUCCEEDED', 'BUILD:SUCCEEDED', 'POST_BUILD:SUCCEEDED', 'UPLOAD_ARTIFACTS:SUCCEEDED', 'FINALIZING:SUCCEEDED', 'COMPLETED',
      ]);
      expect(build.buildStatus).toBe('SUCCEEDED');
      expect(output).toEqual(['pre', 'build', 'post']);
    },
  },
  {
    rule: 'an INSTALL failure skips PRE_BUILD, BUILD, POST_BUILD and UPLOAD_ARTIFACTS',
    buildspec: `version: 0.2\nphases:\n  install:\n    commands:\n      - "false"\n  build:\n    commands:\n      - echo never\n`,
    check: ({ build, output }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:FAILED']);
      expect(build.buildStatus).toBe('FAILED');
      expect(output).not.toContain('never');
    },
  },
  {
    rule: 'a PRE_BUILD failure skips BUILD and POST_BUILD',
    buildspec: `version: 0.2\nphases:\n  pre_build:\n    commands:\n      - exit 4\n  post_build:\n    commands:\n      - echo never\n`,
    check: ({ build }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:SUCCEEDED', 'PRE_BUILD:FAILED']);
      expect(build.phases.find((p) => p.phaseType === 'PRE_BUILD')?.contexts).toEqual([
        { statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: exit 4. Reason: exit status 4' },
      ]);
    },
  },
  {
    rule: 'a BUILD failure still runs POST_BUILD with CODEBUILD_BUILD_SUCCEEDING=0 and uploads artifacts',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo during=$CODEBUILD_BUILD_SUCCEEDING > out.txt\n      - "false"\n      - echo skipped\n  post_build:\n    commands:\n      - echo post=$CODEBUILD_BUILD_SUCCEEDING\nartifacts:\n  files: out.txt\n`,
    check: ({ build, output, log }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:SUCCEEDED', 'PRE_BUILD:SUCCEEDED', 'BUILD:FAILED', 'POST_BUILD:SUCCEEDED', 'UPLOAD_ARTIFACTS:SUCCEEDED']);
      expect(output).toEqual(['post=0']);
      expect(build.artifacts?.location).toMatch(/rules\.zip$/);
      expect(log).toContain('Command did not exit successfully false exit status 1');
      expect(log).toContain('Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: false. Reason: exit status 1');
    },
  },
  {
    rule: 'the first failing command skips the rest of commands; finally still runs',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo one\n      - exit 2\n      - echo three\n    finally:\n      - echo cleanup\n`,
    check: ({ build, output }) => {
      expect(output).toEqual(['one', 'cleanup']);
      expect(build.buildStatus).toBe('FAILED');
    },
  },
  {
    rule: 'exit N fails that command: the rest of the phase is skipped and finally runs in a new shell that keeps the variables',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - KEPT=yes; cd sub\n      - exit 3\n      - echo never\n    finally:\n      - echo "finally $KEPT $(basename "$PWD")"\n  post_build:\n    commands:\n      - echo "post $KEPT"\n`,
    options: { files: { 'sub/.keep': '' } },
    check: ({ build, output }) => {
      expect(output).toEqual(['finally yes sub', 'post yes']);
      expect(build.phases.find((p) => p.phaseType === 'BUILD')?.contexts).toEqual([
        { statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: exit 3. Reason: exit status 3' },
      ]);
      expect(build.buildStatus).toBe('FAILED');
    },
  },
  {
    rule: 'exit 0 is a success: the next command runs, from the state the shell left',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - KEPT=yes; exit 0\n      - echo "next $KEPT"\n`,
    check: ({ build, output }) => {
      expect(output).toEqual(['next yes']);
      expect(build.buildStatus).toBe('SUCCEEDED');
    },
  },
  {
    rule: 'artifact names are evaluated as the POST_BUILD run-as user',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - touch out.txt\n  post_build:\n    run-as: nobody\n    commands:\n      - "true"\nartifacts:\n  files: out.txt\n  name: by-$(id -u)\n`,
    check: ({ build }) => expect(build.artifacts?.location).toMatch(/by-65534\.zip$/),
  },
  {
    rule: 'a failing finally fails the phase',
    buildspec: `version: 0.2\nphases:\n  pre_build:\n    commands:\n      - echo ok\n    finally:\n      - exit 5\n      - echo after\n`,
    check: ({ build, output }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:SUCCEEDED', 'PRE_BUILD:FAILED']);
      expect(output).toEqual(['ok']);
    },
  },
  {
    rule: 'on-failure ABORT ends the build at that phase (no POST_BUILD, no UPLOAD_ARTIFACTS)',
    buildspec: `version: 0.2\nphases:\n  build:\n    on-failure: ABORT\n    commands:\n      - "false"\n  post_build:\n    commands:\n      - echo never\n`,
    check: ({ build }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:SUCCEEDED', 'PRE_BUILD:SUCCEEDED', 'BUILD:FAILED']);
      expect(phaseList(build).slice(-2)).toEqual(['FINALIZING:SUCCEEDED', 'COMPLETED']);
    },
  },
  {
    rule: 'on-failure CONTINUE goes on to the next phase while the build stays failed',
    buildspec: `version: 0.2\nphases:\n  install:\n    on-failure: CONTINUE\n    commands:\n      - "false"\n  pre_build:\n    commands:\n      - echo pre=$CODEBUILD_BUILD_SUCCEEDING\n`,
    check: ({ build, output }) => {
      expect(commandPhases(build)).toEqual(['INSTALL:FAILED', 'PRE_BUILD:SUCCEEDED', 'BUILD:SUCCEEDED', 'POST_BUILD:SUCCEEDED', 'UPLOAD_ARTIFACTS:SUCCEEDED']);
      expect(output).toEqual(['pre=0']);
      expect(build.buildStatus).toBe('FAILED');
    },
  },
  {
    rule: 'on-failure RETRY-2 tries the phase again, up to 2 more times, and succeeds on the third',
    buildspec: `version: 0.2\nphases:\n  build:\n    on-failure: RETRY-2\n    commands:\n      - ${counter('tries')}\n      - test $n -ge 3\n`,
    check: ({ build, sourceDir }) => {
      expect(readFileSync(join(sourceDir, 'tries'), 'utf8').trim()).toBe('3');
      expect(commandPhases(build)).toContain('BUILD:SUCCEEDED');
      expect(build.buildStatus).toBe('SUCCEEDED');
    },
  },
  {
    rule: 'on-failure RETRY-1 gives up after one retry and then follows the default transition',
    buildspec: `version: 0.2\nphases:\n  build:\n    on-failure: RETRY-1\n    commands:\n      - ${counter('tries')}\n      - "false"\n  post_build:\n    commands:\n      - echo post\n`,
    check: ({ build, sourceDir, output }) => {
      expect(readFileSync(join(sourceDir, 'tries'), 'utf8').trim()).toBe('2');
      expect(commandPhases(build)).toContain('BUILD:FAILED');
      expect(output).toContain('post');
    },
  },
  {
    rule: 'on-failure RETRY defaults to 3 retries',
    buildspec: `version: 0.2\nphases:\n  build:\n    on-failure: RETRY\n    commands:\n      - ${counter('tries')}\n      - "false"\n`,
    check: ({ sourceDir }) => expect(readFileSync(join(sourceDir, 'tries'), 'utf8').trim()).toBe('4'),
  },
  {
    rule: 'on-failure RETRY-<regex> retries only when the error output matches',
    buildspec: `version: 0.2\nphases:\n  pre_build:\n    on-failure: RETRY-flaky.*network\n    commands:\n      - ${counter('a')}\n      - echo flaky test network; false\n  build:\n    on-failure: RETRY-flaky.*network\n    commands:\n      - ${counter('b')}\n      - echo fatal error; false\n`,
    check: ({ sourceDir }) => {
      expect(readFileSync(join(sourceDir, 'a'), 'utf8').trim()).toBe('4');
      expect(existsSync(join(sourceDir, 'b'))).toBe(false);
    },
  },
  {
    rule: 'on-failure RETRY-<count>-<regex> retries count times when the output matches',
    buildspec: `version: 0.2\nphases:\n  build:\n    on-failure: RETRY-1-exit status 7\n    commands:\n      - ${counter('c')}\n      - exit 7\n`,
    check: ({ sourceDir }) => expect(readFileSync(join(sourceDir, 'c'), 'utf8').trim()).toBe('2'),
  },
  {
    rule: '0.2: working directory and variables (assigned or exported) carry over between commands and phases',
    buildspec: `version: 0.2\nphases:\n  pre_build:\n    commands:\n      - mkdir -p sub && cd sub\n      - IMAGE_TAG=abc\n      - export EXPORTED=yes\n  post_build:\n    commands:\n      - echo "$(basename "$PWD") $IMAGE_TAG $EXPORTED"\n`,
    check: ({ output }) => expect(output).toEqual(['sub abc yes']),
  },
  {
    rule: '0.1: every command runs in a fresh shell',
    buildspec: `version: 0.1\nphases:\n  build:\n    commands:\n      - mkdir -p sub && cd sub\n      - export A=1; B=2\n      - echo "[$(basename "$PWD")] [$A] [$B]"\n`,
    check: ({ output, sourceDir }) => expect(output).toEqual([`[${sourceDir.split('/').pop()}] [] []`]),
  },
  {
    rule: 'a multi-line | block is one command: only its last status counts unless it uses set -e',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - |\n        echo first\n        false\n        echo last\n      - |\n        set -e\n        echo before\n        false\n        echo never\n      - echo not reached\n`,
    check: ({ output, build }) => {
      expect(output).toEqual(['first', 'last', 'before']);
      expect(build.phases.find((p) => p.phaseType === 'BUILD')?.phaseStatus).toBe('FAILED');
    },
  },
  {
    rule: 'a command that runs `exit 3` fails with status 3 and the session carries on with its state',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p d && cd d && export KEPT=k && PLAIN='p q'\n      - echo bye; exit 3\n  post_build:\n    commands:\n      - echo "after $(basename "$PWD") $KEPT $PLAIN"\n`,
    check: ({ output, build }) => {
      expect(output).toEqual(['bye', 'after d k p q']);
      expect(build.phases.find((p) => p.phaseType === 'BUILD')?.contexts?.[0]?.message).toBe('Error while executing command: echo bye; exit 3. Reason: exit status 3');
    },
  },
  {
    rule: '`exit 0` in a command does not end the build: the next command runs',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - exit 0\n      - echo next\n`,
    check: ({ output, build }) => {
      expect(output).toEqual(['next']);
      expect(build.buildStatus).toBe('SUCCEEDED');
    },
  },
  {
    rule: 'commands see an empty stdin, so they cannot eat the protocol',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - 'cat; echo "read: [$(cat)]"'\n      - echo still here\n`,
    check: ({ output }) => expect(output).toEqual(['read: []', 'still here']),
  },
  {
    rule: 'a command that redirects the shell\'s own stdout does not hang the session',
    buildspec: `version: 0.2\nenv:\n  exported-variables: [AFTER]\nphases:\n  build:\n    commands:\n      - echo visible\n      - exec >/dev/null\n      - echo hidden\n  post_build:\n    commands:\n      - AFTER=done\n`,
    check: ({ output, build }) => {
      expect(output).toEqual(['visible']);
      expect(build.buildStatus).toBe('SUCCEEDED');
      expect(build.exportedEnvironmentVariables).toEqual([{ name: 'AFTER', value: 'done' }]);
    },
  },
  {
    rule: 'env.variables are literal strings: $PATH is not expanded',
    buildspec: `version: 0.2\nenv:\n  variables:\n    LIT: "$PATH:/x"\n    QUOTE: "it's \\"q\\""\nphases:\n  build:\n    commands:\n      - echo "$LIT"\n      - echo "$QUOTE"\n`,
    check: ({ output }) => expect(output).toEqual(['$PATH:/x', `it's "q"`]),
  },
  {
    rule: 'precedence: overrides > project variables > buildspec',
    buildspec: `version: 0.2\nenv:\n  variables:\n    A: buildspec\n    B: buildspec\n    C: buildspec\nphases:\n  build:\n    commands:\n      - echo $A $B $C\n`,
    options: {
      project: { environmentVariables: [{ name: 'A', value: 'project' }, { name: 'B', value: 'project' }] },
      overrides: [{ name: 'A', value: 'override' }],
    },
    check: ({ output }) => expect(output).toEqual(['override project buildspec']),
  },
  {
    rule: 'exported-variables are captured at the end of POST_BUILD',
    buildspec: `version: 0.2\nenv:\n  exported-variables:\n    - IMAGE_TAG\n    - FROM_ENV\n  variables:\n    FROM_ENV: env-value\nphases:\n  build:\n    commands:\n      - IMAGE_TAG=first\n  post_build:\n    commands:\n      - IMAGE_TAG="final value"\n`,
    check: ({ build }) =>
      expect(build.exportedEnvironmentVariables).toEqual([
        { name: 'IMAGE_TAG', value: 'final value' },
        { name: 'FROM_ENV', value: 'env-value' },
      ]),
  },
  {
    rule: 'built-in variables: ids, number, source dir, start time, initiator, region',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo "$CODEBUILD_BUILD_ID|$CODEBUILD_BUILD_ARN|$CODEBUILD_BUILD_NUMBER|$CODEBUILD_SRC_DIR|$CODEBUILD_INITIATOR|$AWS_REGION|$AWS_DEFAULT_REGION|$CODEBUILD_BUILD_IMAGE|$CODEBUILD_PROJECT_ARN"\n      - test -n "$CODEBUILD_START_TIME" && test -n "$CODEBUILD_KMS_KEY_ID" && test -n "$CODEBUILD_LOG_PATH"\n`,
    check: ({ output, build, sourceDir }) => {
      expect(output[0]!.split('|')).toEqual([
        build.id, build.arn, '1', sourceDir, 'tester', 'us-east-1', 'us-east-1', 'aws/codebuild/standard:7.0',
        'arn:aws:codebuild:us-east-1:000000000000:project/rules',
      ]);
      expect(build.id).toMatch(/^rules:[0-9a-f-]{36}$/);
      expect(build.buildStatus).toBe('SUCCEEDED');
    },
  },
  {
    rule: 'parameter-store and secrets-manager values resolve from the local store and are masked',
    buildspec: `version: 0.2\nenv:\n  exported-variables: [DB_PASS]\n  parameter-store:\n    DB_HOST: /app/db/host\n  secrets-manager:\n    DB_PASS: prod/app:password\n    WHOLE: prod/plain\nphases:\n  build:\n    commands:\n      - echo "host=$DB_HOST pass=$DB_PASS whole=$WHOLE"\n      - test "$DB_PASS" = "pw-s3cret" && echo match\n`,
    options: {
      parameters: JSON.stringify({
        parameters: { '/app/db/host': { value: 'db.internal.example', type: 'SecureString' } },
        secrets: { 'prod/app': '{"username":"app","password":"pw-s3cret"}', 'prod/plain': 'plain-secret-value' },
      }),
      project: { environmentVariables: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMIK7MDENG' }] },
    },
    check: ({ output, log, events, build }) => {
      expect(output).toEqual(['host=*** pass=*** whole=***', 'match']);
      expect(build.exportedEnvironmentVariables).toEqual([{ name: 'DB_PASS', value: '***' }]);
      expect(log).not.toContain('pw-s3cret');
      expect(JSON.stringify(events)).not.toContain('db.internal.example');
    },
  },
  {
    rule: 'a missing parameter fails DOWNLOAD_SOURCE, naming it',
    buildspec: `version: 0.2\nenv:\n  parameter-store:\n    X: /does/not/exist\nphases:\n  build:\n    commands:\n      - echo never\n`,
    check: ({ build, output }) => {
      const phase = build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
      expect(phase?.phaseStatus).toBe('FAILED');
      expect(phase?.contexts?.[0]?.message).toContain('/does/not/exist');
      expect(output).toEqual([]);
    },
  },
  {
    rule: 'an invalid buildspec fails DOWNLOAD_SOURCE with YAML_FILE_ERROR before INSTALL',
    buildspec: `version: 0.2\nphases:\n  compile:\n    commands:\n      - echo x\n`,
    check: ({ build }) => {
      expect(commandPhases(build)).toEqual([]);
      const context = build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE')?.contexts?.[0];
      expect(context?.statusCode).toBe('YAML_FILE_ERROR');
      expect(context?.message).toContain('compile');
    },
  },
  {
    rule: 'artifacts: files globs, base-directory stripped, exclude-paths, name evaluated by the shell',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p dist/sub && echo a > dist/a.txt && echo b > dist/sub/b.txt && echo log > dist/sub/debug.log\n      - TAG=v1\nartifacts:\n  base-directory: dist\n  files:\n    - '**/*'\n  exclude-paths:\n    - '**/*.log'\n  name: app-$TAG-$CODEBUILD_BUILD_NUMBER\n`,
    check: async ({ build }) => {
      expect(build.artifacts?.location).toMatch(/app-v1-1\.zip$/);
      expect((await zipEntries(build.artifacts!.location)).map((e) => e.name)).toEqual(['a.txt', 'sub/b.txt']);
    },
  },
  {
    rule: 'artifacts: discard-paths flattens; files given as one string',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p x/y && echo deep > x/y/deep.txt\nartifacts:\n  files: x/**/*\n  discard-paths: yes\n`,
    check: async ({ build }) => expect(await zipEntries(build.artifacts!.location)).toEqual([{ name: 'deep.txt', content: 'deep\n', symlink: false }]),
  },
  {
    rule: 'artifacts: enable-symlinks keeps links as links; without it links are followed',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo target > real.txt\nartifacts:\n  files:\n    - real.txt\n    - link.txt\n  enable-symlinks: yes\n  secondary-artifacts:\n    followed:\n      files:\n        - link.txt\n`,
    options: { symlinks: { 'link.txt': 'real.txt' } },
    check: async ({ build }) => {
      const primary = await zipEntries(build.artifacts!.location);
      expect(primary.find((e) => e.name === 'link.txt')).toEqual({ name: 'link.txt', content: 'real.txt', symlink: true });
      const followed = await zipEntries(build.secondaryArtifacts[0]!.location);
      expect(followed).toEqual([{ name: 'link.txt', content: 'target\n', symlink: false }]);
      expect(build.secondaryArtifacts[0]?.artifactIdentifier).toBe('followed');
    },
  },
  {
    rule: 'artifacts: secondary-artifacts are zipped per identifier',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo '[{"name":"web","imageUri":"x"}]' > imagedefinitions.json && echo r > report.txt\nartifacts:\n  files:\n    - imagedefinitions.json\n  secondary-artifacts:\n    BuildArtifact:\n      files:\n        - imagedefinitions.json\n    Reports:\n      files:\n        - report.txt\n      name: reports\n`,
    check: async ({ build }) => {
      expect(build.secondaryArtifacts.map((a) => [a.artifactIdentifier, a.location.split('/').slice(-2).join('/')])).toEqual([
        ['BuildArtifact', 'BuildArtifact/BuildArtifact.zip'],
        ['Reports', 'Reports/reports.zip'],
      ]);
      expect((await zipEntries(build.secondaryArtifacts[1]!.location)).map((e) => e.name)).toEqual(['report.txt']);
    },
  },
  {
    rule: 'artifacts: no matching file fails UPLOAD_ARTIFACTS with CLIENT_ERROR',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo nothing\nartifacts:\n  files:\n    - missing/**/*\n`,
    check: ({ build }) => {
      const upload = build.phases.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS');
      expect(upload?.phaseStatus).toBe('FAILED');
      expect(upload?.contexts?.[0]?.statusCode).toBe('CLIENT_ERROR');
      expect(build.buildStatus).toBe('FAILED');
    },
  },
  {
    rule: 'reports: JUnit XML files are summarised in the result',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p reports && cp junit.xml reports/\nreports:\n  unit-tests:\n    files:\n      - '**/*.xml'\n    base-directory: reports\n    file-format: JUNITXML\n`,
    options: {
      files: {
        'junit.xml': '<testsuite><testcase name="a"/><testcase name="b"><failure message="x"/></testcase><testcase name="c"><skipped/></testcase></testsuite>',
      },
    },
    check: ({ build }) =>
      expect(build.reports).toEqual([
        expect.objectContaining({ reportGroupName: 'unit-tests', total: 3, status: 'FAILED', statusCounts: { SUCCEEDED: 1, FAILED: 1, SKIPPED: 1, ERROR: 0 } }),
      ]),
  },
  {
    rule: 'a timeout ends the build as TIMED_OUT and kills the command',
    buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo started\n      - sleep 600\n  post_build:\n    commands:\n      - echo never\n`,
    // The timeout runs from the start of the build, so it also covers starting the container,
    // which took up to 14 s on a loaded 2-core machine beside the other rules: 45 s leaves room
    // for that and stays far below the sleep (and the test's own 120 s).
    options: { project: { timeoutInMinutes: 0.75 } },
    check: ({ build, output }) => {
      expect(build.buildStatus).toBe('TIMED_OUT');
      expect(build.phases.find((p) => p.phaseType === 'BUILD')?.phaseStatus).toBe('TIMED_OUT');
      expect(output).toEqual(['started']);
      // Ended by the timeout, not by the 600 s sleep finishing.
      expect(Date.parse(build.endTime) - Date.parse(build.startTime)).toBeLessThan(100_000);
    },
  },
];

const runners: RunnerName[] = ['host', 'container'];

describe.each(runners)('buildspec rules, run on the %s', (runner) => {
  afterAll(cleanUp);
  it.concurrent.each(rules)('$rule', async ({ buildspec, options, check }) => {
    await check(await runCase(runner, buildspec, options), runner);
  });

  it('a stop request ends the build as STOPPED', async () => {
    const controller = new AbortController();
    const r = await runCase(runner, `version: 0.2\nphases:\n  build:\n    commands:\n      - echo go\n      - sleep 30\n`, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'command.started' && event.command === 'sleep 30') setTimeout(() => controller.abort(), 200);
      },
    });
    expect(r.build.buildStatus).toBe('STOPPED');
    expect(r.build.phases.find((p) => p.phaseType === 'BUILD')?.phaseStatus).toBe('STOPPED');
  });

  it('secondary sources are visible at CODEBUILD_SRC_DIR_<identifier>', async () => {
    const second = tempDir('slipway-cb-src2-');
    writeFiles(second, { 'lib.txt': 'from the second source' });
    const r = await runCase(runner, 'version: 0.2\nphases:\n  build:\n    commands:\n      - cat "$CODEBUILD_SRC_DIR_Lib/lib.txt"\n', { secondarySources: { Lib: second } });
    expect(r.output).toEqual(['from the second source']);
  });

  it('run-as runs a phase as another user and the next phase as the default user', async () => {
    const r = await runCase(runner, `version: 0.2\nphases:\n  pre_build:\n    commands:\n      - export CARRIED=yes; PLAIN=plain\n  build:\n    run-as: nobody\n    commands:\n      - echo "build $(id -u) $CARRIED $PLAIN"\n  post_build:\n    commands:\n      - echo "post $(id -u)"\n`);
    expect(r.output).toEqual(['build 65534 yes plain', 'post 0']);
  });
});
