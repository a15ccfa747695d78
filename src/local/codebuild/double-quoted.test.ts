import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { printAsDoubleQuoted } from './double-quoted.js';

describe.each([{ name: 'sh', shell: ['sh'] }, { name: 'bash', shell: ['bash'] }, { name: 'busybox sh', shell: ['busybox', 'sh'] }])('buildspec strings read as between double quotes ($name)', ({ shell }) => {
  /** What a real shell prints for the text, without the here-document's closing newline. */
  const run = (text: string) =>
    execFileSync(shell[0]!, [...shell.slice(1), '-c', printAsDoubleQuoted(text)], { env: { PATH: process.env.PATH, NAME: 'web' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');

  it('keeps a bare double quote as a literal character', () => {
    expect(run('app"1')).toBe('app"1');
    expect(run('"quoted" $NAME')).toBe('"quoted" web');
  });

  it('expands variables, and command substitutions with their own quotes', () => {
    expect(run('$NAME-${NAME}-$(echo "a  b")')).toBe('web-web-a  b');
    expect(run(`x-$(printf '%s' "q\\"r)")-$(echo ')"')`)).toBe('x-q"r)-)"');
    expect(run('${UNSET:-d}-`echo z`')).toBe('d-z');
  });

  it('keeps backslashes as double quotes do, a trailing one included', () => {
    expect(run('a\\$NAME')).toBe('a$NAME');
    expect(run('a\\b\\')).toBe('a\\b\\');
    expect(run('a\\\\')).toBe('a\\');
  });

  it('fails, instead of printing something, on text the shell cannot read', () => {
    expect(() => run('x-$(echo')).toThrow();
  });
});
