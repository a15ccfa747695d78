// Decides where a build runs: the CodeBuild image (`aws/codebuild/standard:7.0`) cannot be
// pulled offline, so it is mapped to a local image, or the build runs on the host. The reason
// goes into the log.
import type { RunnerChoice } from './request.js';

export interface RunnerFlags {
  /** `--host`: run on this machine. */
  host?: boolean;
  /** `--image IMG`: run in this local image. */
  image?: string;
  /** The project's `Environment.Image`. */
  projectImage: string;
  /** Project image → local image (`--image-map`, or `<home>/codebuild/images.json`). */
  imageMap: Record<string, string>;
  network?: 'host' | 'none';
}

/** Picks host or container, with the reason to log. */
export function chooseRunner(flags: RunnerFlags): RunnerChoice {
  const network = flags.network ?? 'host';
  if (flags.host) return { kind: 'host', reason: '--host was given' };
  if (flags.image) return { kind: 'container', image: flags.image, network, reason: '--image was given' };
  const mapped = flags.imageMap[flags.projectImage];
  if (mapped) return { kind: 'container', image: mapped, network, reason: `the project image ${flags.projectImage} is mapped to ${mapped}` };
  return {
    kind: 'host',
    reason: `the project image ${flags.projectImage} is not available offline and no local image is mapped to it (use --image or --image-map)`,
  };
}
