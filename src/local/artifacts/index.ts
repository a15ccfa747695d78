// The local artifact store (S3 buckets and objects on disk).
export { ArtifactStore, bucketNameProblem } from './artifact-store.js';
export type { ObjectInfo, ObjectVersion, BucketSettings } from './artifact-store.js';
export type { StoredVersion } from './object-versions.js';
export { readZipEntries } from './zip-entries.js';
export type { ZipEntry } from './zip-entries.js';
