import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposedPort, findDockerfile } from './dockerfile.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-dockerfile-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('finding the Dockerfile', () => {
  it('prefers the root, then the shallowest folder', async () => {
    expect(await findDockerfile(tree({ Dockerfile: '', 'app/Dockerfile': '' }))).toBe('Dockerfile');
    expect(await findDockerfile(tree({ 'services/api/Dockerfile': '', 'web/Dockerfile': '' }))).toBe('web/Dockerfile');
  });

  it('never looks inside dependencies', async () => {
    expect(await findDockerfile(tree({ 'node_modules/pkg/Dockerfile': '' }))).toBeUndefined();
  });
});

describe('reading EXPOSE', () => {
  it('takes the first TCP port, across continuation lines, skipping UDP and variables', async () => {
    const root = tree({
      Dockerfile: 'FROM scratch\nEXPOSE $PORT 53/udp \\\n  8443/tcp 9000\n',
    });
    expect(await exposedPort(join(root, 'Dockerfile'))).toBe(8443);
  });

  it('is undefined when nothing is exposed', async () => {
    const root = tree({ Dockerfile: 'FROM scratch\n' });
    expect(await exposedPort(join(root, 'Dockerfile'))).toBeUndefined();
  });
});
