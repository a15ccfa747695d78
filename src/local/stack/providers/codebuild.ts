// AWS::CodeBuild::Project and AWS::CodeBuild::ReportGroup: checked with CodeBuild's rules; a
// project becomes a project of the account's CodeBuild, a report group is recorded only.
import { isRecord } from '../../../cloudformation/index.js';
import { arnOf } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';
import { projectInputOf } from './codebuild-project-input.js';

const SOURCE_TYPES = ['BITBUCKET', 'CODECOMMIT', 'CODEPIPELINE', 'GITHUB', 'GITHUB_ENTERPRISE', 'GITLAB', 'GITLAB_SELF_MANAGED', 'NO_SOURCE', 'S3'];
const ARTIFACT_TYPES = ['CODEPIPELINE', 'NO_ARTIFACTS', 'S3'];
const ENVIRONMENT_TYPES = ['ARM_CONTAINER', 'LINUX_CONTAINER', 'LINUX_GPU_CONTAINER', 'WINDOWS_CONTAINER', 'WINDOWS_SERVER_2019_CONTAINER', 'WINDOWS_SERVER_2022_CONTAINER',
  'LINUX_LAMBDA_CONTAINER', 'ARM_LAMBDA_CONTAINER', 'LINUX_EC2', 'ARM_EC2', 'WINDOWS_EC2', 'MAC_ARM'];
const ENVIRONMENT_VARIABLE_TYPES = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'];

/** AWS::CodeBuild::Project: Ref is the project name; the project itself belongs to the account's CodeBuild. */
export const projectProvider: ResourceProvider = recordedProvider({
  type: 'AWS::CodeBuild::Project',
  properties: RESOURCE_PROPERTY_NAMES['AWS::CodeBuild::Project'],
  nameProperty: 'Name',
  maxNameLength: 255,
  replaceOn: ['Name'],
  validate: projectProblems,
  identity(ctx, name) {
    return { physicalId: name, ref: name, attributes: { Arn: arnOf(ctx, 'codebuild', `project/${name}`) } };
  },
  service: {
    exists: (ctx, name) => ctx.services.projects.get(name) !== undefined,
    create: (ctx, name, properties) => void ctx.services.projects.create(projectInputOf(name, properties)),
    // A project missing from the service (a home from before projects had their own table) is made again.
    update: (ctx, name, properties) => void (ctx.services.projects.get(name)
      ? ctx.services.projects.update(projectInputOf(name, properties)) : ctx.services.projects.create(projectInputOf(name, properties))),
    delete: (ctx, name) => ctx.services.projects.delete(name),
  },
});

function projectProblems(properties: Record<string, unknown>): string[] {
  const checks = new PropertyChecks(properties).required('Source', 'Artifacts', 'Environment', 'ServiceRole')
    .pattern('Name', /^[A-Za-z0-9][A-Za-z0-9\-_]*$/, 2, 255).integer('TimeoutInMinutes', 5, 2160).integer('QueuedTimeoutInMinutes', 5, 480);
  const source = isRecord(properties.Source) ? properties.Source : {};
  const artifacts = isRecord(properties.Artifacts) ? properties.Artifacts : {};
  const environment = isRecord(properties.Environment) ? properties.Environment : {};
  checks.oneOf('Source/Type', SOURCE_TYPES, source.Type).oneOf('Artifacts/Type', ARTIFACT_TYPES, artifacts.Type);
  // "If the source type is CODEPIPELINE, the artifacts type must also be CODEPIPELINE" (CodeBuild ProjectArtifacts), and the reverse.
  checks.when((source.Type === 'CODEPIPELINE') !== (artifacts.Type === 'CODEPIPELINE') && source.Type !== undefined && artifacts.Type !== undefined,
    `#/Artifacts/Type: a project whose Source.Type is CODEPIPELINE must have Artifacts.Type CODEPIPELINE, and only such a project may (got ${String(source.Type)} and ${String(artifacts.Type)})`);
  checks.when(source.Type === 'S3' && source.Location === undefined, '#/Source/Location: an S3 source needs a Location');
  checks.when(artifacts.Type === 'S3' && artifacts.Location === undefined, '#/Artifacts/Location: S3 artifacts need a Location (the bucket name)');
  if (properties.Environment !== undefined) {
    checks.when(environment.Type === undefined || environment.Image === undefined || environment.ComputeType === undefined, '#/Environment: required keys [Type, Image, ComputeType]')
      .oneOf('Environment/Type', ENVIRONMENT_TYPES, environment.Type)
      .when(environment.ComputeType !== undefined && !/^BUILD_(GENERAL1_(SMALL|MEDIUM|LARGE|XLARGE|2XLARGE)|LAMBDA_(1|2|4|8|10)GB|EC2_\w+|CUSTOM)$/.test(String(environment.ComputeType)),
        `#/Environment/ComputeType: '${String(environment.ComputeType)}' is not a CodeBuild compute type`);
    const variables = Array.isArray(environment.EnvironmentVariables) ? environment.EnvironmentVariables : [];
    variables.forEach((variable, index) => {
      if (!isRecord(variable) || variable.Name === undefined || variable.Value === undefined) checks.when(true, `#/Environment/EnvironmentVariables/${index}: required keys [Name, Value]`);
      else checks.oneOf(`Environment/EnvironmentVariables/${index}/Type`, ENVIRONMENT_VARIABLE_TYPES, variable.Type);
    });
  }
  return checks.problems;
}

/** AWS::CodeBuild::ReportGroup: Ref is the ARN. */
export const reportGroupProvider: ResourceProvider = recordedProvider({
  type: 'AWS::CodeBuild::ReportGroup',
  properties: RESOURCE_PROPERTY_NAMES['AWS::CodeBuild::ReportGroup'],
  nameProperty: 'Name',
  maxNameLength: 128,
  replaceOn: ['Name', 'Type'],
  validate(properties) {
    const exportConfig = isRecord(properties.ExportConfig) ? properties.ExportConfig : {};
    return new PropertyChecks(properties).required('Type', 'ExportConfig').oneOf('Type', ['TEST', 'CODE_COVERAGE']).pattern('Name', /^[A-Za-z0-9][A-Za-z0-9\-_]*$/, 2, 128)
      .oneOf('ExportConfig/ExportConfigType', ['S3', 'NO_EXPORT'], exportConfig.ExportConfigType).problems;
  },
  identity(ctx, name) {
    const arn = arnOf(ctx, 'codebuild', `report-group/${name}`);
    return { physicalId: arn, ref: arn, attributes: { Arn: arn, Name: name } };
  },
});
