// ECR repositories and their settings: CreateRepository, DescribeRepositories, DeleteRepository,
// PutImageTagMutability, PutImageScanningConfiguration and the lifecycle-policy calls. Each method
// takes and returns the ECR API's shapes, so the local AWS endpoint maps onto it one to one.
import { SlipwayError } from '../../errors.js';
import type { Clock } from './clock.js';
import { statement, type RegistryDatabase } from './database.js';
import { ecrError, repositoryNotFound } from './errors.js';
import { parseLifecyclePolicy } from './lifecycle-policy.js';
import { repositoryNameProblem } from './names.js';
import { pageOf, type Page } from './pagination.js';
import {
  tagMutabilityProblems,
  type ImageTagMutability,
  type ImageTagMutabilityExclusionFilter,
} from './tag-mutability.js';

/** Who the registry is: the account and region in ARNs and messages, and where clients reach it. */
export interface RegistryIdentity {
  registryId: string;
  region: string;
  /** `host[:port]` that image URIs start with (the local address once listening). */
  registryHost(): string;
}

export type EncryptionType = 'AES256' | 'KMS' | 'KMS_DSSE';

/** ECR's Repository shape. */
export interface Repository {
  repositoryArn: string;
  registryId: string;
  repositoryName: string;
  repositoryUri: string;
  createdAt: Date;
  imageTagMutability: ImageTagMutability;
  imageTagMutabilityExclusionFilters?: ImageTagMutabilityExclusionFilter[];
  imageScanningConfiguration: { scanOnPush: boolean };
  encryptionConfiguration: { encryptionType: EncryptionType; kmsKey?: string };
}

export interface CreateRepositoryInput {
  repositoryName: string;
  /** Default MUTABLE, as in ECR. */
  imageTagMutability?: ImageTagMutability;
  imageTagMutabilityExclusionFilters?: ImageTagMutabilityExclusionFilter[];
  /** Default scanOnPush false. Stored and reported; no scanner runs locally. */
  imageScanningConfiguration?: { scanOnPush?: boolean };
  /** Default AES256. Stored and reported; blobs are not encrypted locally. */
  encryptionConfiguration?: { encryptionType: EncryptionType; kmsKey?: string };
}

/** A repository's row, as the rest of the registry reads it. */
export interface RepositoryRecord {
  name: string;
  createdAt: number;
  imageTagMutability: ImageTagMutability;
  exclusionFilters: ImageTagMutabilityExclusionFilter[];
  scanOnPush: boolean;
  encryptionType: EncryptionType;
  lifecyclePolicy: string | null;
  lifecycleEvaluatedAt: number | null;
}

interface RepositoryRow {
  name: string;
  created_at: number;
  image_tag_mutability: ImageTagMutability;
  exclusion_filters: string;
  scan_on_push: number;
  encryption_type: EncryptionType;
  lifecycle_policy: string | null;
  lifecycle_evaluated_at: number | null;
}

/** The repositories of one registry. */
export class Repositories {
  constructor(
    private readonly db: RegistryDatabase,
    private readonly identity: RegistryIdentity,
    private readonly clock: Clock,
  ) {}

  /** CreateRepository. */
  create(input: CreateRepositoryInput): Repository {
    const mode = input.imageTagMutability ?? 'MUTABLE';
    const filters = input.imageTagMutabilityExclusionFilters ?? [];
    const nameProblem = repositoryNameProblem(input.repositoryName);
    const problems = [...(nameProblem ? [{ path: 'repositoryName', message: nameProblem }] : []), ...tagMutabilityProblems(mode, filters)];
    const encryption = input.encryptionConfiguration?.encryptionType ?? 'AES256';
    if (!['AES256', 'KMS', 'KMS_DSSE'].includes(encryption)) problems.push({ path: 'encryptionConfiguration.encryptionType', message: `must be AES256, KMS or KMS_DSSE, got '${encryption}'` });
    if (problems.length > 0) throw invalidParameter(problems);
    if (this.find(input.repositoryName)) {
      throw ecrError('RepositoryAlreadyExistsException', `The repository with name '${input.repositoryName}' already exists in the registry with id '${this.identity.registryId}'`);
    }
    statement(this.db, 'INSERT INTO repositories (name, created_at, image_tag_mutability, exclusion_filters, scan_on_push, encryption_type) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.repositoryName, this.clock.now(), mode, JSON.stringify(filters), input.imageScanningConfiguration?.scanOnPush ? 1 : 0, encryption);
    return this.describeOne(input.repositoryName);
  }

  /** DescribeRepositories: the named repositories (each must exist), or all of them by page. */
  describe(input: { repositoryNames?: string[]; maxResults?: number; nextToken?: string } = {}): { repositories: Repository[]; nextToken?: string } {
    if (input.repositoryNames && input.repositoryNames.length > 0) {
      return { repositories: input.repositoryNames.map((name) => this.describeOne(name)) };
    }
    const names = (statement(this.db, 'SELECT name FROM repositories ORDER BY name').all() as { name: string }[]).map((row) => row.name);
    const page: Page<string> = pageOf(names, input.maxResults, input.nextToken);
    return { repositories: page.items.map((name) => this.describeOne(name)), nextToken: page.nextToken };
  }

  /** One repository in ECR's shape; RepositoryNotFoundException when missing. */
  describeOne(name: string): Repository {
    return this.toRepository(this.require(name));
  }

  /** DeleteRepository's check and delete: refuses a repository with images unless `force`. */
  delete(input: { repositoryName: string; force?: boolean }): Repository {
    const repository = this.describeOne(input.repositoryName);
    const images = statement(this.db, 'SELECT COUNT(*) AS count FROM manifests WHERE repository = ?').get(input.repositoryName) as { count: number };
    if (images.count > 0 && !input.force) {
      throw ecrError(
        'RepositoryNotEmptyException',
        `The repository with name '${input.repositoryName}' in registry with id '${this.identity.registryId}' cannot be deleted because it still contains images`,
        'delete the images first, or pass force: true',
      );
    }
    statement(this.db, 'DELETE FROM repositories WHERE name = ?').run(input.repositoryName);
    return repository;
  }

  /** PutImageTagMutability. */
  putImageTagMutability(input: {
    repositoryName: string; imageTagMutability: ImageTagMutability;
    imageTagMutabilityExclusionFilters?: ImageTagMutabilityExclusionFilter[]
  }) {
    const filters = input.imageTagMutabilityExclusionFilters ?? [];
    const problems = tagMutabilityProblems(input.imageTagMutability, filters);
    if (problems.length > 0) throw invalidParameter(problems);
    this.require(input.repositoryName);
    statement(this.db, 'UPDATE repositories SET image_tag_mutability = ?, exclusion_filters = ? WHERE name = ?').run(input.imageTagMutability, JSON.stringify(filters), input.repositoryName);
    return {
      registryId: this.identity.registryId, repositoryName: input.repositoryName, imageTagMutability: input.imageTagMutability,
      imageTagMutabilityExclusionFilters: filters,
    };
  }

  /** PutImageScanningConfiguration (recorded only: there is no scanner locally). */
  putImageScanningConfiguration(input: { repositoryName: string; imageScanningConfiguration: { scanOnPush: boolean } }) {
    this.require(input.repositoryName);
    statement(this.db, 'UPDATE repositories SET scan_on_push = ? WHERE name = ?').run(input.imageScanningConfiguration.scanOnPush ? 1 : 0, input.repositoryName);
    return {
      registryId: this.identity.registryId, repositoryName: input.repositoryName,
      imageScanningConfiguration: { scanOnPush: input.imageScanningConfiguration.scanOnPush },
    };
  }

  /** PutLifecyclePolicy: validates the text, then stores it as given. */
  putLifecyclePolicy(input: { repositoryName: string; lifecyclePolicyText: string }) {
    parseLifecyclePolicy(input.lifecyclePolicyText);
    this.require(input.repositoryName);
    statement(this.db, 'UPDATE repositories SET lifecycle_policy = ? WHERE name = ?').run(input.lifecyclePolicyText, input.repositoryName);
    return { registryId: this.identity.registryId, repositoryName: input.repositoryName, lifecyclePolicyText: input.lifecyclePolicyText };
  }

  /** GetLifecyclePolicy; LifecyclePolicyNotFoundException when the repository has none. */
  getLifecyclePolicy(input: { repositoryName: string }) {
    const record = this.require(input.repositoryName);
    if (record.lifecyclePolicy === null) {
      throw ecrError('LifecyclePolicyNotFoundException', `Lifecycle policy does not exist for the repository with name '${input.repositoryName}' in the registry with id '${this.identity.registryId}'`);
    }
    return {
      registryId: this.identity.registryId,
      repositoryName: input.repositoryName,
      lifecyclePolicyText: record.lifecyclePolicy,
      lastEvaluatedAt: record.lifecycleEvaluatedAt === null ? undefined : new Date(record.lifecycleEvaluatedAt),
    };
  }

  /** DeleteLifecyclePolicy. */
  deleteLifecyclePolicy(input: { repositoryName: string }) {
    const policy = this.getLifecyclePolicy(input);
    statement(this.db, 'UPDATE repositories SET lifecycle_policy = NULL, lifecycle_evaluated_at = NULL WHERE name = ?').run(input.repositoryName);
    return policy;
  }

  /** Records when a repository's lifecycle policy last ran. */
  markLifecycleEvaluated(name: string, at: number): void {
    statement(this.db, 'UPDATE repositories SET lifecycle_evaluated_at = ? WHERE name = ?').run(at, name);
  }

  /** The repository's record; RepositoryNotFoundException (NAME_UNKNOWN on /v2/) when missing. */
  require(name: string): RepositoryRecord {
    const record = this.find(name);
    if (!record) throw repositoryNotFound(name, this.identity.registryId);
    return record;
  }

  /** The repository's record, or undefined. */
  find(name: string): RepositoryRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM repositories WHERE name = ?').get(name) as RepositoryRow | undefined;
    return row && toRecord(row);
  }

  /** Names of all repositories, sorted. */
  names(): string[] {
    return (statement(this.db, 'SELECT name FROM repositories ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  private toRepository(record: RepositoryRecord): Repository {
    const { registryId, region } = this.identity;
    return {
      repositoryArn: `arn:aws:ecr:${region}:${registryId}:repository/${record.name}`,
      registryId,
      repositoryName: record.name,
      repositoryUri: `${this.identity.registryHost()}/${record.name}`,
      createdAt: new Date(record.createdAt),
      imageTagMutability: record.imageTagMutability,
      ...(record.exclusionFilters.length > 0 ? { imageTagMutabilityExclusionFilters: record.exclusionFilters } : {}),
      imageScanningConfiguration: { scanOnPush: record.scanOnPush },
      encryptionConfiguration: { encryptionType: record.encryptionType },
    };
  }
}

function toRecord(row: RepositoryRow): RepositoryRecord {
  return {
    name: row.name,
    createdAt: row.created_at,
    imageTagMutability: row.image_tag_mutability,
    exclusionFilters: JSON.parse(row.exclusion_filters) as ImageTagMutabilityExclusionFilter[],
    scanOnPush: row.scan_on_push === 1,
    encryptionType: row.encryption_type,
    lifecyclePolicy: row.lifecycle_policy,
    lifecycleEvaluatedAt: row.lifecycle_evaluated_at,
  };
}

function invalidParameter(problems: { path?: string; message: string }[]): SlipwayError {
  const first = problems[0]!;
  return new SlipwayError('InvalidParameterException', `Invalid parameter at '${first.path ?? 'input'}': ${first.message}`, { problems });
}

/** ECR's repository operations (CreateRepository, DescribeRepositories, DeleteRepository, ...), one to one. */
export function repositoryOperations(repositories: Repositories) {
  return {
    createRepository: repositories.create.bind(repositories),
    describeRepositories: repositories.describe.bind(repositories),
    deleteRepository: repositories.delete.bind(repositories),
    putImageTagMutability: repositories.putImageTagMutability.bind(repositories),
    putImageScanningConfiguration: repositories.putImageScanningConfiguration.bind(repositories),
    putLifecyclePolicy: repositories.putLifecyclePolicy.bind(repositories),
    getLifecyclePolicy: repositories.getLifecyclePolicy.bind(repositories),
    deleteLifecyclePolicy: repositories.deleteLifecyclePolicy.bind(repositories),
  };
}
