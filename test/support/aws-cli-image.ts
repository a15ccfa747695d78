// Build images with a real AWS CLI, made on this machine from the CLIs installed here (no image
// can be pulled): busybox plus the Python, the CLI and its packages, and the shared libraries
// they load. `v1` is the AWS CLI v1 of pyenv's Python 3.11.7, `v2` Debian's AWS CLI v2 package.
// Made once and kept (by name and CLI version); the first run takes some seconds.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYENV = '/root/.pyenv/versions/3.11.7';

/** What goes into each image: paths copied as they are, and what is left out of them. */
const CONTENTS = {
  v1: {
    image: 'slipway-test/awscli-v1:1.45.11',
    cli: `${PYENV}/bin/aws`,
    paths: [`${PYENV}/bin/python`, `${PYENV}/bin/python3.11`, `${PYENV}/bin/aws`, `${PYENV}/lib/libpython3.11.so.1.0`, `${PYENV}/lib/python3.11`],
    sitePackages: `${PYENV}/lib/python3.11/site-packages`,
    keep: ['awscli', 'botocore', 's3transfer', 'jmespath', 'dateutil', 'six.py', 'urllib3', 'docutils', 'rsa', 'pyasn1', 'colorama', 'yaml', '_yaml'],
  },
  v2: {
    image: 'slipway-test/awscli-v2:2.9.19',
    cli: '/usr/bin/aws',
    paths: ['/usr/bin/python3', '/usr/bin/python3.11', '/usr/bin/aws', '/usr/lib/python3.11', '/usr/lib/python3/dist-packages'],
    sitePackages: '/usr/lib/python3/dist-packages',
    keep: undefined,
  },
} as const;

/** OpenSSL's configuration and the modules it loads by name (cryptography's bindings fail without them). */
const OPENSSL = ['/usr/lib/ssl', '/etc/ssl/openssl.cnf', '/usr/lib/x86_64-linux-gnu/ossl-modules', '/usr/lib/x86_64-linux-gnu/engines-3'];

/** Folders of the standard library and packages a CLI never loads. */
const LEFT_OUT = ['test', 'idlelib', 'tkinter', 'ensurepip', 'lib2to3', 'config-3.11-x86_64-linux-gnu', '__pycache__', 'pip', 'setuptools', 'PIL', 'gi', 'pycriu'];

/** The image with AWS CLI `version` on PATH (as `aws`), made if missing. */
export function ensureAwsCliImage(version: 'v1' | 'v2'): string {
  const spec = CONTENTS[version];
  try {
    execFileSync('docker', ['image', 'inspect', spec.image], { stdio: 'ignore' });
    return spec.image;
  } catch {
    // not made yet
  }
  if (!existsSync(spec.cli) || !existsSync('/bin/busybox')) throw new Error(`${spec.cli} or /bin/busybox is missing: the AWS CLI ${version} image is made from them`);
  const excludes = LEFT_OUT.map((name) => `--exclude=${name}`).join(' ');
  const script = `set -euo pipefail
root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp" "$root/root" "$root/etc/ssl/certs" "$root/usr/local/bin"
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in sh ls cat echo env mkdir rm cp mv sleep true false id pwd grep sed wc touch chmod head tail tr test printf date find sort cut dirname basename tee; do ln -s busybox "$root/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\\n' > "$root/etc/passwd"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
tar -c ${excludes} ${spec.paths.join(' ')} ${OPENSSL.join(' ')} 2>/dev/null | tar -x -C "$root"
${spec.keep ? `rm -rf "$root${spec.sitePackages}"; mkdir -p "$root${spec.sitePackages}"; for name in ${spec.keep.join(' ')}; do cp -a "${spec.sitePackages}/$name" "$root${spec.sitePackages}/"; done; find "$root${spec.sitePackages}" -name __pycache__ -prune -exec rm -rf {} +` : ''}
ln -s ${spec.cli} "$root/usr/local/bin/aws"
find "$root" -name '*.so*' -type f > "$root/.elves"; echo "$root${spec.paths[1]}" >> "$root/.elves"
while read -r elf; do ldd "$elf" 2>/dev/null | grep -o '/[^ ]*' || true; done < "$root/.elves" | sort -u | while read -r lib; do
  case $lib in "$root"*) continue ;; esac
  [ -e "$lib" ] && tar -c -h "$lib" 2>/dev/null | tar -x -C "$root"
done
rm "$root/.elves"
tar -C "$root" -c . | docker import -c 'ENV PATH=/usr/local/bin:/bin' - ${spec.image} >/dev/null`;
  execFileSync('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return spec.image;
}
