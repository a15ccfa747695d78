// What --fix makes of each kind of line: the old login in its several forms, placeholders in
// every quoting, scalars in every YAML style, runtimes the image lacks. Rewritten commands are
// run through a real shell to show they do what the original meant.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILDSPEC_CONTEXT } from '../../src/doctor/buildspec/index.js';
import { rewriteGetLogin } from '../../src/doctor/buildspec/get-login.js';
import { rewritePlaceholders } from '../../src/doctor/buildspec/placeholders.js';
import { readBuildspecDocument } from '../../src/doctor/buildspec/buildspec-document.js';
import { planBuildspecFix } from '../../src/doctor/fix/buildspec-fix.js';
import { scalarEdit } from '../../src/doctor/fix/scalar-edit.js';
import { renderBuildspec } from '../../src/init/buildspec.js';
import { parseConfig } from '../../src/config/index.js';
import { readBuildspec } from '../../src/local/codebuild/buildspec-parser.js';

const REGISTRY_LOGIN = 'docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"';

/** The fixed text of a buildspec (which must parse), or the text itself when nothing changed. */
function fixed(text: string, context = DEFAULT_BUILDSPEC_CONTEXT): string {
  const after = planBuildspecFix(text, 'buildspec.yml', context)?.after ?? text;
  expect(readBuildspec(after, 'buildspec.yml').buildspec).toBeDefined();
  return after;
}

/** Runs a command in sh with the variables the template passes, and returns what it prints. */
function shell(command: string): string {
  return execFileSync('sh', ['-c', command], { encoding: 'utf8', env: { PATH: process.env.PATH, CONTAINER_NAME: 'widget', REPOSITORY_URI: '1.dkr.ecr.r.amazonaws.com/widget', IMAGE_TAG: 'abc1234', AWS_ACCOUNT_ID: '123456789012' } });
}

const spec = (...lines: string[]) => `version: 0.2\nphases:\n  build:\n    commands:\n${lines.join('\n')}\nartifacts:\n  files: [imagedefinitions.json]\n`;

describe('doctor --fix', () => {
  it('turns each old login form into get-login-password | docker login --password-stdin, keeping region, profile and registry', () => {
    expect(rewriteGetLogin('$(aws ecr get-login --no-include-email --region us-east-1)')).toBe(`aws ecr get-login-password --region us-east-1 | ${REGISTRY_LOGIN}`);
    expect(rewriteGetLogin('eval $(aws ecr get-login --profile ci --no-include-email)')).toBe(`aws ecr get-login-password --profile ci | ${REGISTRY_LOGIN}`);
    expect(rewriteGetLogin('`aws ecr get-login --registry-ids 123456789012 --region=eu-west-1`')).toBe('aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    expect(rewriteGetLogin('aws ecr get-login --no-include-email | sh')).toBe(`aws ecr get-login-password | ${REGISTRY_LOGIN}`);
    // Forms it cannot rewrite faithfully are left to the user (the finding stays).
    expect(rewriteGetLogin("$(aws ecr get-login --region $AWS_DEFAULT_REGION | sed -e 's/-e none//g')")).toBeUndefined();
    expect(rewriteGetLogin('$(aws ecr get-login --registry-ids 111111111111 222222222222)')).toBeUndefined();
  });

  it('turns a placeholder in a single-quoted printf format into %s with the variable as its argument, in order', () => {
    const command = `printf '[{"name":"<CONTAINER_NAME>","imageUri":"%s"}]' $REPOSITORY_URI:$IMAGE_TAG > imagedefinitions.json`;
    const rewritten = rewritePlaceholders(command)!;
    expect(rewritten).toBe(`printf '[{"name":"%s","imageUri":"%s"}]' "$CONTAINER_NAME" $REPOSITORY_URI:$IMAGE_TAG > imagedefinitions.json`);
    expect(shell(rewritten.replace(' > imagedefinitions.json', ''))).toBe('[{"name":"widget","imageUri":"1.dkr.ecr.r.amazonaws.com/widget:abc1234"}]');
    // A placeholder after a conversion takes the argument after that conversion's.
    const second = rewritePlaceholders(`printf '%s %s <container name>\\n' a b`)!;
    expect(second).toBe(`printf '%s %s %s\\n' a b "$CONTAINER_NAME"`);
    expect(shell(second)).toBe('a b widget\n');
  });

  it('puts variables where placeholders were in every quoting, and whole URIs made of placeholders become REPOSITORY_URI', () => {
    expect(rewritePlaceholders('REPOSITORY_URI=<ECR registry URI>')).toBe('REPOSITORY_URI=$REPOSITORY_URI');
    expect(rewritePlaceholders('echo "account <YOUR_ACCOUNT_ID>"')).toBe('echo "account $AWS_ACCOUNT_ID"');
    const quoted = rewritePlaceholders("echo 'pushing to <ECR_URI>'")!;
    expect(quoted).toBe(`echo 'pushing to '"$REPOSITORY_URI"''`);
    expect(shell(quoted)).toBe('pushing to 1.dkr.ecr.r.amazonaws.com/widget\n');
    expect(rewritePlaceholders('docker push <YOUR_ACCOUNT_ID>.dkr.ecr.<YOUR_REGION>.amazonaws.com/ecs-cicd-nginx:latest')).toBe('docker push $REPOSITORY_URI:latest');
    expect(rewritePlaceholders('docker login -u AWS --password-stdin <<your-account-id>>.dkr.ecr.ap-northeast-2.amazonaws.com')).toBe('docker login -u AWS --password-stdin ${REPOSITORY_URI%%/*}');
    expect(rewritePlaceholders('TAG=<TAG>v1')).toBeUndefined();
    expect(rewritePlaceholders('echo <SOMETHING_ELSE>')).toBeUndefined();
  });

  it('keeps each scalar\'s YAML style: plain, double-quoted, single-quoted, and only the changed characters of a block', () => {
    const text = spec(
      '      - "REPOSITORY_URI=<ECR URI>"',
      `      - 'printf ''[{"name":"<CONTAINER_NAME>","imageUri":"%s"}]'' $REPOSITORY_URI > imagedefinitions.json'`,
      '      - |',
      '        REPOSITORY_URI=<IMAGE_REPO_URI>   # pasted by hand',
      '        echo $REPOSITORY_URI',
      '      - $(aws ecr get-login --no-include-email)',
    );
    expect(fixed(text)).toBe(
      spec(
        '      - "REPOSITORY_URI=$REPOSITORY_URI"',
        `      - 'printf ''[{"name":"%s","imageUri":"%s"}]'' "$CONTAINER_NAME" $REPOSITORY_URI > imagedefinitions.json'`,
        '      - |',
        '        REPOSITORY_URI=$REPOSITORY_URI   # pasted by hand',
        '        echo $REPOSITORY_URI',
        `      - aws ecr get-login-password | ${REGISTRY_LOGIN}`,
      ),
    );
  });

  it('quotes a plain command whose new value YAML would read differently, and only then', () => {
    const document = readBuildspecDocument(spec('      - echo one', '      - echo two'), 'buildspec.yml');
    expect(scalarEdit(document, document.commands[0]!, 'echo a: b #c')?.replacement).toBe("'echo a: b #c'");
    expect(scalarEdit(document, document.commands[1]!, 'echo "$CONTAINER_NAME"')?.replacement).toBe('echo "$CONTAINER_NAME"');
    expect(scalarEdit(document, document.commands[1]!, 'yes')?.replacement).toBe("'yes'");
  });

  it('removes a docker runtime the image lacks, and its runtime-versions and phase when nothing else is left', () => {
    const alone = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      docker: 18\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n';
    expect(fixed(alone)).toBe('version: 0.2\nphases:\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n');
    const withCommands = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      docker: 18\n    commands:\n      - npm ci\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n';
    expect(fixed(withCommands)).toBe('version: 0.2\nphases:\n  install:\n    commands:\n      - npm ci\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n');
    const withNode = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n      docker: 18 # old\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n';
    expect(fixed(withNode)).toBe('version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n');
    // A flow mapping cannot lose one entry by whole lines; an older image still has the runtime.
    const flow = 'version: 0.2\nphases:\n  install:\n    runtime-versions: {docker: 18, nodejs: 20}\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n';
    expect(fixed(flow)).toBe(flow);
    expect(fixed(alone, { ...DEFAULT_BUILDSPEC_CONTEXT, buildImage: 'aws/codebuild/standard:4.0' })).toBe(alone);
  });

  it('has nothing to do on the buildspec slipway generates', () => {
    const config = parseConfig('name: widget\nsource: {owner: acme, repository: widget}\n', 'slipway.yml');
    expect(planBuildspecFix(renderBuildspec(config), 'buildspec.yml', DEFAULT_BUILDSPEC_CONTEXT)).toBeUndefined();
  });
});
