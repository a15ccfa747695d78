// Issue 11, "How it is checked": buildspecs in the styles found in the wild, unchanged, run by
// `slipway build` while a real `slipway up` runs, on the host and in containers, with the AWS CLI
// v1, the CLI v2 and no AWS CLI; each ends with its images in the local registry under the tags
// it pushed. One build per place runs every line-level style (each login followed by a push,
// with a logout between them, so each login is proven on its own); the recipe's buildspec runs
// as it is, only its `<IMAGE_REPO_URI>` filled in.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../support/git-repo.js';
import { place, PLACE_NAMES, startReachUp, STORED, type ReachUp } from './support/reach-up.js';

const STYLES = `version: 0.2
env:
  variables:
    IMAGE_REPO_NAME: web
  parameter-store:
    FROM_PARAMETER: /reach/param
  secrets-manager:
    FROM_SECRET: reach/secret
    FROM_JSON_SECRET: reach/json:password
phases:
  pre_build:
    commands:
      - aws --version
      # CLI v1's login, run through $( )
      - $(aws ecr get-login --no-include-email --region $AWS_DEFAULT_REGION)
      - docker build -t $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME:$PLACE-get-login .
      - docker push $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME:$PLACE-get-login
      - docker logout $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      # get-login-password piped into docker login, the URI built from AWS_ACCOUNT_ID and AWS_DEFAULT_REGION
      - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      - docker tag $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME:$PLACE-get-login $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME:$PLACE-password
      - docker push $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME:$PLACE-password
  build:
    commands:
      # the account from sts get-caller-identity
      - ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
      - REPOSITORY_URI=$ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/$IMAGE_REPO_NAME
      - docker build -t $REPOSITORY_URI:$PLACE-caller .
      - docker push $REPOSITORY_URI:$PLACE-caller
      # a parameter-store value and secrets in env, and the same read by the CLI
      - docker tag $REPOSITORY_URI:$PLACE-caller $REPOSITORY_URI:$PLACE-env-$FROM_PARAMETER-$FROM_SECRET-$FROM_JSON_SECRET
      - docker push $REPOSITORY_URI:$PLACE-env-$FROM_PARAMETER-$FROM_SECRET-$FROM_JSON_SECRET
      - PARAMETER=$(aws ssm get-parameter --name /reach/param --query Parameter.Value --output text)
      - PARAMETERS=$(aws ssm get-parameters --names /reach/param --query 'Parameters[0].Value' --output text)
      - SECRET=$(aws secretsmanager get-secret-value --secret-id reach/secret --query SecretString --output text)
      - docker tag $REPOSITORY_URI:$PLACE-caller $REPOSITORY_URI:$PLACE-cli-$PARAMETER-$PARAMETERS-$SECRET
      - docker push $REPOSITORY_URI:$PLACE-cli-$PARAMETER-$PARAMETERS-$SECRET
  post_build:
    commands:
      # pulled back by its ECR name, listed by it, and run (an upgraded connection through the proxy)
      - docker rmi $REPOSITORY_URI:$PLACE-caller
      - docker pull $REPOSITORY_URI:$PLACE-caller
      - docker images --format 'listed {{.Repository}}:{{.Tag}}' | grep ":$PLACE-caller"
      - docker run --rm --network none $REPOSITORY_URI:$PLACE-caller
`;

const DOCKERFILE = 'FROM slipway-test/busybox\nCMD ["echo", "the image runs"]\n';
const RECIPE = readFileSync(new URL('../doctor/fixtures/recipe/buildspec.yml', import.meta.url), 'utf8');

let reach: ReachUp;
const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
/** `aws --version`'s line in the log, as the place's CLI (or slipway's stand-in) prints it. */
const versionLine = (version: string) => new RegExp(`^${version.replace(/[.]/g, '\\.')}`, 'm');

beforeAll(async () => {
  reach = await startReachUp(['web', 'recipe']);
}, 120_000);

afterAll(() => reach?.close());

describe.each(PLACE_NAMES)('%s', (name) => {
  it('the styles in the wild: each login then a push by ECR name, the stored values, a pull, docker images and a run by that name', async () => {
    const where = place(name, reach.dir);
    const tag = slug(name);
    const source = makeGitRepo({ Dockerfile: DOCKERFILE, 'buildspec.yml': STYLES });
    try {
      const run = await reach.build(source.dir, [...where.flags, '--env', `PLACE=${tag}`], where.env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(versionLine(where.version));
      expect(run.stderr).toContain('WARNING: aws ecr get-login was removed from AWS CLI v2');
      expect(Object.keys(await reach.tags('web'))).toEqual(expect.arrayContaining([
        `${tag}-get-login`,
        `${tag}-password`,
        `${tag}-caller`,
        `${tag}-env-${STORED.parameter}-${STORED.secret}-${STORED.jsonPassword}`,
        `${tag}-cli-${STORED.parameter}-${STORED.parameter}-${STORED.secret}`,
      ]));
      // docker images through the proxy shows the ECR name, never the engine's alias for it.
      expect(run.stderr).toContain(`listed ${reach.ecrHost}/web:${tag}-caller`);
      expect(run.stderr).not.toMatch(/listed localhost:/);
      expect(run.stderr).toContain('the image runs');
    } finally {
      rmSync(source.dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the recipe\'s buildspec with only its placeholder filled in: latest and the commit\'s tag pushed, one image', async () => {
    const where = place(name, reach.dir);
    // The place's name in the tree keeps each commit (and so each tag) apart.
    const source = makeGitRepo({ Dockerfile: DOCKERFILE, PLACE: name, 'buildspec.yml': RECIPE.replace('<IMAGE_REPO_URI>', `${reach.ecrHost}/recipe`) });
    try {
      const commitTag = source.git('rev-parse', 'HEAD').slice(0, 7);
      const run = await reach.build(source.dir, where.flags, where.env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(versionLine(where.version));
      const tags = await reach.tags('recipe');
      expect(tags[commitTag]).toMatch(/^sha256:/);
      expect(tags.latest).toBe(tags[commitTag]);
    } finally {
      rmSync(source.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
