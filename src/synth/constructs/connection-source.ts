// Source through AWS CodeConnections (the CodeStarSourceConnection action), AWS's recommended way
// to build from GitHub, GitHub Enterprise Server, Bitbucket or GitLab.
import { CfnResource, Token } from 'aws-cdk-lib';
import { CfnConnection } from 'aws-cdk-lib/aws-codestarconnections';
import type { Construct } from 'constructs';
import { SlipwayError } from '../../errors.js';
import { DEFAULTS } from './defaults.js';
import { allow } from './policy-statement.js';
import type { PipelineSource, SourceBindOptions, SourceBinding } from './pipeline-source.js';

/** Props of {@link ConnectionSource}. */
export interface ConnectionSourceProps {
  /** Repository owner (user or organization). */
  readonly owner: string;
  /** Repository name, without the owner. */
  readonly repository: string;
  /**
   * The branch to build.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * `webhook`: a V2 push trigger on the branch starts the pipeline; `none`: manual starts only.
   * A connection cannot poll.
   * @default 'webhook'
   */
  readonly trigger?: 'webhook' | 'none';
  /**
   * An existing connection. When absent, the stack creates one, which stays PENDING until
   * someone completes the handshake once in the console (Developer Tools → Connections).
   * @default - a connection is created
   */
  readonly connectionArn?: string;
  /**
   * The provider of a connection the stack creates.
   * @default 'GitHub'
   */
  readonly connectionProvider?: 'GitHub' | 'GitHubEnterpriseServer' | 'Bitbucket' | 'GitLab';
}

// AWS::CodeStarConnections::Connection ConnectionName: 1 to 32 characters.
const CONNECTION_NAME_MAX = 32;

/** A CodeStarSourceConnection source action on one branch. */
export class ConnectionSource implements PipelineSource {
  constructor(private readonly props: ConnectionSourceProps) {}

  bind(scope: Construct, options: SourceBindOptions): SourceBinding {
    const { props } = this;
    const branch = props.branch ?? DEFAULTS.branch;
    const trigger = props.trigger ?? 'webhook';
    const connectionArn = props.connectionArn ?? createConnection(scope, options, props).attrConnectionArn;
    return {
      action: {
        Name: options.actionName,
        ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
        Configuration: {
          ConnectionArn: connectionArn,
          FullRepositoryId: `${props.owner}/${props.repository}`,
          BranchName: branch,
          OutputArtifactFormat: 'CODE_ZIP',
          DetectChanges: trigger === 'webhook',
        },
        OutputArtifacts: [{ Name: options.outputArtifactName }],
        RunOrder: 1,
      },
      // A trigger with a push filter starts the pipeline only for pushes to the branch
      // (CodePipeline user guide, "Filter triggers on code push or pull requests"; V2 only).
      triggers:
        trigger === 'webhook'
          ? [{ ProviderType: 'CodeStarSourceConnection', GitConfiguration: { SourceActionName: options.actionName, Push: [{ Branches: { Includes: [branch] } }] } }]
          : undefined,
      pipelineRoleStatements: [allow('UseConnection', useConnectionActions(connectionArn), connectionArn)],
      connectionArn,
      attach: () => ({}),
    };
  }
}

/**
 * Connections created before the 2024 rename have `codestar-connections` ARNs, newer ones
 * `codeconnections`, and a policy's action prefix must match the resource's (Developer Tools
 * user guide, "Connections rename"). A known ARN gets its own prefix; an ARN known only at
 * deploy time gets both, each of which can only match a connection of its own prefix.
 */
function useConnectionActions(connectionArn: string): string[] {
  if (Token.isUnresolved(connectionArn)) return ['codestar-connections:UseConnection', 'codeconnections:UseConnection'];
  return connectionArn.split(':')[2] === 'codestar-connections' ? ['codestar-connections:UseConnection'] : ['codeconnections:UseConnection'];
}

function createConnection(scope: Construct, options: SourceBindOptions, props: ConnectionSourceProps): CfnConnection {
  const providerType = props.connectionProvider ?? DEFAULTS.connectionProvider;
  if (providerType === 'GitHubEnterpriseServer') {
    // A GitHub Enterprise Server connection belongs to a host (its endpoint and VPC), which a
    // template cannot set up on its own (AWS::CodeStarConnections::Connection, HostArn).
    throw new SlipwayError('ConnectionNeedsHost', 'ConnectionSource: a GitHubEnterpriseServer connection cannot be created without its host', {
      hint: 'create the host and connection once in the console (Developer Tools → Settings → Connections) and give its ARN as source.connectionArn',
    });
  }
  const connection = new CfnConnection(scope, 'Connection', {
    connectionName: Token.isUnresolved(options.name) ? options.name : options.name.slice(0, CONNECTION_NAME_MAX),
    providerType,
  });
  if (options.condition) (connection as CfnResource).cfnOptions.condition = options.condition;
  return connection;
}
