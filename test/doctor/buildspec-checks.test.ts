// Each buildspec check, firing on the buildspec it is about and quiet on a good one: the
// buildspec slipway itself generates for the same slipway.yml.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { buildspecFindings, contextFromConfig, type BuildspecContext } from '../../src/doctor/buildspec/index.js';
import { renderBuildspec } from '../../src/init/buildspec.js';

const CONFIG = parseConfig('name: widget\nsource: {owner: acme, repository: widget}\nroles: {build: "arn:aws:iam::123456789012:role/build"}\ndeploy: {ecs: {cluster: web, service: widget}}\n', 'slipway.yml');
const CONTEXT: BuildspecContext = contextFromConfig(CONFIG, 'us-east-1');
const GOOD = renderBuildspec(CONFIG);

/** A buildspec whose pre_build runs `commands` and whose output lists imagedefinitions.json. */
function withCommands(...commands: string[]): string {
  return `version: 0.2\nphases:\n  pre_build:\n    commands:\n${commands.map((command) => `      - ${command}\n`).join('')}artifacts:\n  files:\n    - imagedefinitions.json\n`;
}

/** The findings of one check: `check`, `severity`, `line:column` and the message. */
function found(text: string, check: string, context = CONTEXT) {
  return buildspecFindings(text, 'buildspec.yml', context)
    .filter((finding) => finding.check === check)
    .map((finding) => ({ severity: finding.severity, at: `${finding.line}:${finding.column}`, message: finding.message, fix: finding.fix }));
}

describe('buildspec checks', () => {
  it('are all quiet on the buildspec slipway generates', () => {
    expect(buildspecFindings(GOOD, 'buildspec.yml', CONTEXT)).toEqual([]);
  });

  it('aws ecr get-login: fires at `aws` in every old form, quiet on get-login-password', () => {
    const text = withCommands('$(aws ecr get-login --no-include-email --region us-east-1)', 'eval `aws ecr get-login`', 'aws ecr get-login-password | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"');
    expect(found(text, 'buildspec.get-login').map((finding) => [finding.severity, finding.at])).toEqual([['error', '5:11'], ['error', '6:15']]);
    expect(found(text, 'buildspec.get-login')[0]!.fix).toBe('aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"');
    expect(found(withCommands('aws ecr get-login-password --region $AWS_DEFAULT_REGION'), 'buildspec.get-login')).toEqual([]);
  });

  it('placeholders: unquoted ones break the shell, quoted ones are written as they stand; HTML and redirections are no placeholders', () => {
    const text = withCommands('REPOSITORY_URI=<ECR registry URI>', `printf '[{"name":"<CONTAINER_NAME>","imageUri":"%s"}]' $URI > imagedefinitions.json`);
    expect(found(text, 'buildspec.placeholder')).toEqual([
      { severity: 'error', at: '5:24', message: '<ECR registry URI> is a placeholder for a value pasted by hand: the shell reads `<` and `>` as redirections, so the command fails', fix: 'write $REPOSITORY_URI instead: the template passes it to the build' },
      { severity: 'error', at: '6:27', message: '<CONTAINER_NAME> is a placeholder for a value pasted by hand: the build writes it as it stands', fix: 'write $CONTAINER_NAME instead: the template passes it to the build' },
    ]);
    expect(found(withCommands('echo "<html>" > index.html', 'sort < names.txt > sorted.txt', 'cat <<EOF', 'diff <(ls a) <(ls b) 2>&1'), 'buildspec.placeholder')).toEqual([]);
  });

  it('hand-written ECR URIs: fire when the repository, account or region differs from the stack, quiet when they match or are variables', () => {
    const text = withCommands('REPOSITORY_URI=012345678910.dkr.ecr.us-west-2.amazonaws.com/hello-world', 'docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/widget:latest');
    const [mismatch, ...rest] = found(text, 'buildspec.ecr-uri');
    expect(rest).toEqual([]);
    expect(mismatch).toMatchObject({ severity: 'error', at: '5:24' });
    expect(mismatch!.message).toContain('account 012345678910 is not the account slipway.yml names; region us-west-2 is not the region slipway deploys to; repository hello-world is not the template\'s repository widget');
    expect(mismatch!.fix).toBe('write $REPOSITORY_URI instead: the template passes REPOSITORY_URI to the build');
    expect(found(withCommands('aws ecr get-login-password | docker login --username AWS --password-stdin 999999999999.dkr.ecr.us-east-1.amazonaws.com'), 'buildspec.ecr-uri')[0]!.fix).toContain('${REPOSITORY_URI%%/*}');
    expect(found(withCommands('docker push $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME'), 'buildspec.ecr-uri')).toEqual([]);
    // Without slipway.yml nothing is known to compare with.
    expect(found(text, 'buildspec.ecr-uri', { buildImage: CONTEXT.buildImage, expectsOutputArtifact: true })).toEqual([]);
  });

  it('docker login -p: fires with the password on the command line, quiet with --password-stdin', () => {
    const text = withCommands('docker login -u AWS -p $(aws ecr get-login-password) $REGISTRY', 'docker login --username AWS --password=$PASSWORD $REGISTRY');
    expect(found(text, 'buildspec.docker-login-password').map((finding) => [finding.severity, finding.at])).toEqual([['warning', '5:9'], ['warning', '6:9']]);
    expect(found(withCommands('printf %s "$PASSWORD" | docker login --username AWS --password-stdin $REGISTRY'), 'buildspec.docker-login-password')).toEqual([]);
  });

  it('runtime-versions: an error for a runtime CodeBuild\'s image lacks, a warning on a custom image, quiet for a runtime it has or an older image', () => {
    const text = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n      docker: 18\nartifacts:\n  files: [imagedefinitions.json]\n';
    expect(found(text, 'buildspec.runtime-versions')).toEqual([
      expect.objectContaining({ severity: 'error', at: '6:7', message: expect.stringContaining("aws/codebuild/standard:7.0 has no runtime named 'docker'") }),
    ]);
    expect(found(text, 'buildspec.runtime-versions', { ...CONTEXT, buildImage: 'acme/builder:1' }).map((finding) => [finding.severity, finding.at])).toEqual([['warning', '5:7'], ['warning', '6:7']]);
    expect(found(text, 'buildspec.runtime-versions', { ...CONTEXT, buildImage: 'aws/codebuild/standard:4.0' })).toEqual([]);
    expect(found(text.replace('      docker: 18\n', ''), 'buildspec.runtime-versions')).toEqual([]);
  });

  it('artifacts: a missing section is an error, so is an ECS deploy without imagedefinitions.json; quiet when listed by a glob', () => {
    expect(found('version: 0.2\nphases:\n  build:\n    commands:\n      - make\n', 'buildspec.artifacts-missing')).toMatchObject([{ severity: 'error', at: '1:1' }]);
    const unlisted = 'version: 0.2\nphases:\n  build:\n    commands:\n      - printf x > imagedefinitions.json\nartifacts:\n  files:\n    - build/**/*\n';
    expect(found(unlisted, 'buildspec.image-definitions')).toMatchObject([{ severity: 'error', at: '8:5', message: expect.stringContaining('the ECS deploy action reads imagedefinitions.json') }]);
    // Without an ECS deploy, a written but unlisted file is only a warning.
    expect(found(unlisted, 'buildspec.image-definitions', { ...CONTEXT, ecsFileName: undefined })).toMatchObject([{ severity: 'warning' }]);
    expect(found(unlisted.replace('build/**/*', "'*.json'"), 'buildspec.image-definitions')).toEqual([]);
  });

  it('unknown keys: each with "did you mean" when a known key is close', () => {
    const text = 'version: 0.2\nphase:\n  build:\n    commands: [make]\nphases:\n  pre-build:\n    command:\n      - make\nartifacts:\n  files: [imagedefinitions.json]\n';
    expect(found(text, 'buildspec.unknown-key').map((finding) => [finding.at, finding.message.split(' (')[0], finding.fix])).toEqual([
      ['2:1', "unknown key 'phase'; did you mean 'phases'?", 'rename it to phases'],
      ['6:3', "unknown key 'pre-build'; did you mean 'pre_build'?", 'rename it to pre_build'],
      ['7:5', "unknown key 'command'; did you mean 'commands'?", 'rename it to commands'],
    ]);
    // The parser reports the same keys; doctor's findings replace its ones.
    expect(found(text, 'buildspec.invalid')).toEqual([]);
  });

  it('the parser\'s own problems come through, a YAML syntax error alone', () => {
    expect(found('version: 0.3\nphases: {}\nartifacts:\n  files: [a]\n', 'buildspec.invalid')).toMatchObject([{ severity: 'error', at: '1:10', message: 'unsupported buildspec version "0.3"; expected 0.2 or 0.1' }]);
    const broken = buildspecFindings('version: 0.2\nphases:\n\tbuild: {}\n', 'buildspec.yml', CONTEXT);
    expect(broken.map((finding) => finding.check)).toEqual(['buildspec.invalid']);
  });

  it('container names written by hand: a warning when they differ from image.containerName', () => {
    const text = withCommands(`printf '[{"name":"hello-dude","imageUri":"%s"}]' $REPOSITORY_URI:$IMAGE_TAG > imagedefinitions.json`);
    expect(found(text, 'buildspec.container-name')).toMatchObject([{ severity: 'warning', at: '5:27' }]);
    expect(found(text.replace('hello-dude', 'widget'), 'buildspec.container-name')).toEqual([]);
  });
});
