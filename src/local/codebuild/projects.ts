// CodeBuild projects of the local account: the typed, normalized model (the shape of CodeBuild's
// BatchGetProjects `Project`) and its table. The CodeBuild side owns them; the CloudFormation
// provider for AWS::CodeBuild::Project is a client that creates, updates and deletes them, as
// CreateProject, UpdateProject and DeleteProject would.
import { arn } from '../../cloudformation/aws-location.js';
import { SlipwayError } from '../../errors.js';
import type { Migration, StateDatabase } from '../state/index.js';
import type { EnvironmentVariable } from './request.js';

/** A source (ProjectSource); `buildspec` is inline YAML, a path in the source, or an S3 ARN. */
export interface ProjectSource {
  type: string;
  location?: string;
  buildspec?: string;
  gitCloneDepth?: number;
  sourceIdentifier?: string;
}

/** Where artifacts go (ProjectArtifacts). */
export interface ProjectArtifacts {
  type: 'CODEPIPELINE' | 'NO_ARTIFACTS' | 'S3';
  location?: string;
  path?: string;
  name?: string;
  /** BUILD_ID puts the build id in the S3 key; default NONE. */
  namespaceType?: 'NONE' | 'BUILD_ID';
  /** Default NONE for S3 (files as they are); the local engine always zips. */
  packaging?: 'NONE' | 'ZIP';
  artifactIdentifier?: string;
}

/** The build environment (ProjectEnvironment). */
export interface ProjectEnvironment {
  type: string;
  image: string;
  computeType: string;
  /** Default false. */
  privilegedMode: boolean;
  environmentVariables: EnvironmentVariable[];
  imagePullCredentialsType?: string;
}

/** A project, with every default applied. */
export interface CodeBuildProject {
  name: string;
  arn: string;
  description?: string;
  source: ProjectSource;
  secondarySources: ProjectSource[];
  artifacts: ProjectArtifacts;
  secondaryArtifacts: ProjectArtifacts[];
  /** NO_CACHE (default), LOCAL (with modes) or S3. */
  cache: { type: 'NO_CACHE' | 'LOCAL' | 'S3'; location?: string; modes?: string[] };
  environment: ProjectEnvironment;
  serviceRole: string;
  /** Default 60, from 5 to 2160 (CodeBuild quotas). */
  timeoutInMinutes: number;
  /** Default 480, from 5 to 480. */
  queuedTimeoutInMinutes: number;
  encryptionKey?: string;
  logsConfig?: { cloudWatchLogs?: { status: string; groupName?: string; streamName?: string }; s3Logs?: { status: string; location?: string } };
  concurrentBuildLimit?: number;
  created: string;
  lastModified: string;
}

/** What CreateProject and UpdateProject take: the project without what the service fills in. */
export type ProjectInput = Omit<CodeBuildProject, 'arn' | 'created' | 'lastModified' | 'timeoutInMinutes' | 'queuedTimeoutInMinutes' | 'cache'> &
  Partial<Pick<CodeBuildProject, 'timeoutInMinutes' | 'queuedTimeoutInMinutes' | 'cache'>>;

/** The projects table. */
export const PROJECT_MIGRATIONS: Migration[] = [
  {
    id: 'codebuild-0002-projects',
    sql: 'CREATE TABLE IF NOT EXISTS codebuild_projects (name TEXT PRIMARY KEY, project TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)',
  },
];

/** The account's CodeBuild projects. */
export class Projects {
  constructor(
    private readonly db: StateDatabase,
    private readonly location: () => { accountId: string; region: string },
  ) {}

  /** CreateProject; an existing name fails with ResourceAlreadyExistsException. */
  create(input: ProjectInput): CodeBuildProject {
    const now = new Date().toISOString();
    const project = this.normalize(input, now, now);
    const inserted = this.db.prepare('INSERT OR IGNORE INTO codebuild_projects VALUES (?, ?, ?, ?)').run(project.name, JSON.stringify(project), now, now);
    if (inserted.changes === 0) throw new SlipwayError('ResourceAlreadyExistsException', `Project already exists: ${project.arn}`, { kind: 'failed' });
    return project;
  }

  /** UpdateProject: replaces the settings of an existing project, keeping when it was created. */
  update(input: ProjectInput): CodeBuildProject {
    const existing = this.require(input.name);
    const project = this.normalize(input, existing.created, new Date().toISOString());
    this.db.prepare('UPDATE codebuild_projects SET project = ?, updated_at = ? WHERE name = ?').run(JSON.stringify(project), project.lastModified, project.name);
    return project;
  }

  /** DeleteProject; deleting a missing project is not an error (as in CodeBuild). */
  delete(name: string): void {
    this.db.prepare('DELETE FROM codebuild_projects WHERE name = ?').run(name);
  }

  /** A project by name or ARN, or undefined. */
  get(nameOrArn: string): CodeBuildProject | undefined {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf(':project/') + ':project/'.length) : nameOrArn;
    const row = this.db.prepare('SELECT project FROM codebuild_projects WHERE name = ?').get(name) as { project: string } | undefined;
    return row ? (JSON.parse(row.project) as CodeBuildProject) : undefined;
  }

  /** A project that must exist: ResourceNotFoundException otherwise, naming the projects there are. */
  require(name: string): CodeBuildProject {
    const project = this.get(name);
    if (project) return project;
    const names = this.list();
    throw new SlipwayError('ResourceNotFoundException', `Project cannot be found: ${this.arnOf(name)}`, {
      hint: names.length > 0 ? `the projects of this account: ${names.join(', ')}` : 'this account has no projects yet: create a stack with an AWS::CodeBuild::Project (slipway stack create)',
    });
  }

  /** Every project name, sorted (ListProjects, sortBy NAME). */
  list(): string[] {
    return (this.db.prepare('SELECT name FROM codebuild_projects ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  private arnOf(name: string): string {
    const { accountId, region } = this.location();
    return arn({ service: 'codebuild', region, accountId, resource: `project/${name}` });
  }

  private normalize(input: ProjectInput, created: string, lastModified: string): CodeBuildProject {
    return {
      ...input,
      arn: this.arnOf(input.name),
      timeoutInMinutes: input.timeoutInMinutes ?? 60,
      queuedTimeoutInMinutes: input.queuedTimeoutInMinutes ?? 480,
      cache: input.cache ?? { type: 'NO_CACHE' },
      created,
      lastModified,
    };
  }
}
