// What the registry reports while it runs; the CLI renders these, the library never prints.

/** Events of a running registry. */
export type RegistryEvent =
  | { type: 'registry.image.pushed'; repositoryName: string; imageDigest: string; imageTag?: string; mediaType: string }
  | { type: 'registry.image.deleted'; repositoryName: string; imageDigest: string; reason: 'request' | 'lifecycle-policy' }
  | { type: 'registry.garbage.collected'; deletedBlobs: number; freedBytes: number; expiredUploads: number }
  | { type: 'registry.request.failed'; method: string; path: string; error: string }
  | { type: 'registry.maintenance.failed'; error: string };
