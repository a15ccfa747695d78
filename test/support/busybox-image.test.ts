import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from './busybox-image.js';

describe('the local busybox base image', () => {
  it('runs a shell command in a container without any network', () => {
    const image = ensureBusyboxImage();
    const out = execFileSync('docker', ['run', '--rm', '--network', 'none', image, 'sh', '-c', 'echo hello from $(uname -s)'], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('hello from Linux');
  });
});
