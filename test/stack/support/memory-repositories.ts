// An in-memory RepositoryControl with ECR's error names, for provider tests while the registry
// adapter is not wired in (see the report in docs/local-cloudformation.md).
import { SlipwayError } from '../../../src/errors.js';
import type { RepositoryControl, RepositoryDescription, RepositorySettings } from '../../../src/local/stack/index.js';

/** Repositories kept in a Map; `images` lets a test pretend a repository holds images. */
export class MemoryRepositories implements RepositoryControl {
  readonly repositories = new Map<string, RepositoryDescription>();

  async createRepository(settings: RepositorySettings): Promise<void> {
    if (this.repositories.has(settings.repositoryName)) {
      throw new SlipwayError('RepositoryAlreadyExistsException', `The repository with name '${settings.repositoryName}' already exists in the registry with id '000000000000'`);
    }
    this.repositories.set(settings.repositoryName, { repositoryName: settings.repositoryName, imageTagMutability: settings.imageTagMutability, scanOnPush: settings.scanOnPush, imageCount: 0 });
    return Promise.resolve();
  }

  async deleteRepository(name: string, force: boolean): Promise<void> {
    const repository = this.require(name);
    if (repository.imageCount > 0 && !force) throw new SlipwayError('RepositoryNotEmptyException', `The repository with name '${name}' in registry with id '000000000000' cannot be deleted because it still contains images`);
    this.repositories.delete(name);
    return Promise.resolve();
  }

  async putImageTagMutability(name: string, mutability: RepositoryDescription['imageTagMutability']): Promise<void> {
    this.require(name).imageTagMutability = mutability;
    return Promise.resolve();
  }

  async putLifecyclePolicy(name: string, text: string | undefined): Promise<void> {
    this.require(name).lifecyclePolicyText = text;
    return Promise.resolve();
  }

  async putImageScanningConfiguration(name: string, scanOnPush: boolean): Promise<void> {
    this.require(name).scanOnPush = scanOnPush;
    return Promise.resolve();
  }

  async describeRepository(name: string): Promise<RepositoryDescription | undefined> {
    return Promise.resolve(this.repositories.get(name));
  }

  private require(name: string): RepositoryDescription {
    const repository = this.repositories.get(name);
    if (!repository) throw new SlipwayError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '000000000000'`);
    return repository;
  }
}
