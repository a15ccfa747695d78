// RepositoryControl on the local registry's control plane (openRegistryControl, or a whole
// LocalRegistry). It is opened on first use only, so stacks without ECR repositories never
// touch its data folder.
import type { RegistryControl } from '../../registry/index.js';
import { SlipwayError } from '../../../errors.js';
import type { RepositoryControl, RepositoryDescription } from './repository-control.js';

/** The registry operations the adapter calls. */
export type RegistryRepositories = Pick<RegistryControl,
  'createRepository' | 'deleteRepository' | 'describeRepositories' | 'putImageTagMutability' | 'putImageScanningConfiguration'
  | 'putLifecyclePolicy' | 'getLifecyclePolicy' | 'deleteLifecyclePolicy' | 'listImages'>;

/** A RepositoryControl backed by a local registry, opened by `open` when first needed. */
export function registryRepositoryControl(open: () => RegistryRepositories): RepositoryControl {
  let registry: RegistryRepositories | undefined;
  const get = () => (registry ??= open());
  return {
    async createRepository(settings) {
      get().createRepository({
        repositoryName: settings.repositoryName,
        imageTagMutability: settings.imageTagMutability,
        imageTagMutabilityExclusionFilters: settings.imageTagMutabilityExclusionFilters,
        imageScanningConfiguration: { scanOnPush: settings.scanOnPush },
        encryptionConfiguration: settings.encryptionType ? { encryptionType: settings.encryptionType, kmsKey: settings.kmsKey } : undefined,
      });
      return Promise.resolve();
    },
    async deleteRepository(repositoryName, force) {
      get().deleteRepository({ repositoryName, force });
      return Promise.resolve();
    },
    async putImageTagMutability(repositoryName, imageTagMutability, filters) {
      get().putImageTagMutability({ repositoryName, imageTagMutability, imageTagMutabilityExclusionFilters: filters });
      return Promise.resolve();
    },
    async putLifecyclePolicy(repositoryName, lifecyclePolicyText) {
      if (lifecyclePolicyText !== undefined) get().putLifecyclePolicy({ repositoryName, lifecyclePolicyText });
      else ignoring('LifecyclePolicyNotFoundException', () => get().deleteLifecyclePolicy({ repositoryName }));
      return Promise.resolve();
    },
    async putImageScanningConfiguration(repositoryName, scanOnPush) {
      get().putImageScanningConfiguration({ repositoryName, imageScanningConfiguration: { scanOnPush } });
      return Promise.resolve();
    },
    async describeRepository(repositoryName) {
      const found = ignoring('RepositoryNotFoundException', () => get().describeRepositories({ repositoryNames: [repositoryName] }).repositories[0]);
      if (!found) return undefined;
      const policy = ignoring('LifecyclePolicyNotFoundException', () => get().getLifecyclePolicy({ repositoryName }));
      const description: RepositoryDescription = {
        repositoryName,
        imageTagMutability: found.imageTagMutability,
        scanOnPush: found.imageScanningConfiguration.scanOnPush,
        lifecyclePolicyText: policy?.lifecyclePolicyText,
        imageCount: new Set(get().listImages({ repositoryName }).imageIds.map((id) => id.imageDigest)).size,
      };
      return Promise.resolve(description);
    },
  };
}

function ignoring<T>(code: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (error instanceof SlipwayError && error.code === code) return undefined;
    throw error;
  }
}
