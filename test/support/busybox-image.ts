// A base image made on this machine: no base image can be pulled here, so tests build
// `FROM slipway-test/busybox` (a root folder holding only a static busybox, imported with
// `docker import`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUSYBOX_IMAGE = 'slipway-test/busybox:latest';

const BUSYBOX_BINARY = '/bin/busybox';
const APPLETS = ['sh', 'ls', 'cat', 'echo', 'env', 'mkdir', 'rm', 'cp', 'mv', 'sleep', 'true', 'false', 'id', 'pwd', 'grep', 'sed', 'wc', 'touch', 'chmod', 'head', 'tail', 'tr', 'test', 'printf', 'kill', 'date', 'find', 'xargs', 'sort', 'uname', 'whoami', 'tee', 'dirname', 'basename', 'cut', 'expr', 'seq'];

/** True when a Docker engine answers on this machine. */
export function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure the local busybox base image exists and returns its name. */
export function ensureBusyboxImage(): string {
  try {
    execFileSync('docker', ['image', 'inspect', BUSYBOX_IMAGE], { stdio: 'ignore' });
    return BUSYBOX_IMAGE;
  } catch {
    // not there yet: make it below
  }
  if (!existsSync(BUSYBOX_BINARY)) {
    throw new Error(`${BUSYBOX_BINARY} is missing: install Debian's busybox-static (apt-get install -y busybox-static)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'slipway-busybox-'));
  try {
    for (const dir of ['bin', 'tmp', 'etc', 'root']) mkdirSync(join(root, dir), { recursive: true });
    copyFileSync(BUSYBOX_BINARY, join(root, 'bin/busybox'));
    for (const applet of APPLETS) symlinkSync('busybox', join(root, 'bin', applet));
    execFileSync('sh', ['-c', `printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\\n' > ${root}/etc/passwd && printf 'root:x:0:\\nnogroup:x:65534:\\n' > ${root}/etc/group`]);
    execFileSync('sh', ['-c', `tar -C '${root}' -c . | docker import -c 'ENV PATH=/bin' - ${BUSYBOX_IMAGE}`], {
      stdio: 'ignore',
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return BUSYBOX_IMAGE;
}
