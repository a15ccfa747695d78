// The runtimes `runtime-versions` may name on CodeBuild's own images. Docker stopped being a
// runtime with aws/codebuild/standard:5.0 (and Amazon Linux x86_64 standard:4.0, aarch64 3.0):
// naming it there fails the build in DOWNLOAD_SOURCE with "YAML_FILE_ERROR Message: Unknown
// runtime named 'docker'. This build image has the following runtimes: dotnet, golang, java,
// nodejs, php, python, ruby" (aws/aws-toolkit-vscode#2434; CodeBuild user guide, "Available
// runtimes"). Docker comes with the project's privileged mode instead. Custom images support no
// runtime selection at all ("Runtime versions": "not supported for the custom images").

/** The runtime names of CodeBuild's current Linux standard images. */
export const CURRENT_RUNTIMES = ['dotnet', 'golang', 'java', 'nodejs', 'php', 'python', 'ruby'] as const;

// Image families and the first major version without the docker runtime.
const CURATED: { pattern: RegExp; firstWithoutDocker: number }[] = [
  { pattern: /^aws\/codebuild\/standard:(\d+)\.\d+$/, firstWithoutDocker: 5 },
  { pattern: /^aws\/codebuild\/amazonlinux2?-x86_64-standard:(\d+)\.\d+$/, firstWithoutDocker: 4 },
  { pattern: /^aws\/codebuild\/amazonlinux2?-aarch64-standard:(\d+)\.\d+$/, firstWithoutDocker: 3 },
];

/** What an image makes of `runtime-versions`: the names it knows, none at all, or unknown (older CodeBuild images, not checked). */
export type RuntimeSupport = { kind: 'curated'; runtimes: readonly string[] } | { kind: 'custom' } | { kind: 'unknown' };

/** How `image` (a project's Environment.Image) treats `runtime-versions`. */
export function runtimeSupport(image: string): RuntimeSupport {
  for (const family of CURATED) {
    const major = family.pattern.exec(image)?.[1];
    if (major !== undefined) return Number(major) >= family.firstWithoutDocker ? { kind: 'curated', runtimes: CURRENT_RUNTIMES } : { kind: 'unknown' };
  }
  return image.startsWith('aws/codebuild/') ? { kind: 'unknown' } : { kind: 'custom' };
}
