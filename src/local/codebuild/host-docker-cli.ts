// The host's docker CLI, for a privileged build whose image has none. It is mounted into the
// build container, so it must start without the host's shared libraries: only a statically
// linked binary does (Debian's /usr/bin/docker needs the host's loader and libc, which busybox
// or Alpine images do not have). AWS's standard images bring their own docker CLI.
import { access, constants, realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { elfLinking } from './elf-linking.js';

/** The static docker CLI to mount, or why there is none. */
export type HostDockerCli = { path: string } | { reason: string };

/** Among the `docker` executables on PATH, in PATH order, the first statically linked one. */
export async function findStaticDockerCli(pathVariable: string | undefined): Promise<HostDockerCli> {
  const seen = new Set<string>();
  const unusable: string[] = [];
  for (const dir of (pathVariable ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'docker');
    const real = await realpath(candidate).catch(() => undefined);
    if (real === undefined || seen.has(real) || !(await access(real, constants.X_OK).then(() => true, () => false))) continue;
    seen.add(real);
    const linking = await elfLinking(real).catch(() => ({ kind: 'not-elf' }) as const);
    if (linking.kind === 'static') return { path: real };
    unusable.push(linking.kind === 'dynamic' ? `${real} needs ${linking.interpreter}` : `${real} is no ELF executable`);
  }
  if (unusable.length === 0) return { reason: 'there is no docker CLI on PATH' };
  return { reason: `no docker CLI on PATH is statically linked (${unusable.join('; ')}), so none can start inside the build container` };
}
