// The import circle check that `npm run lint` runs (scripts/import-cycles.mjs), on tiny source
// trees written to a temporary folder: which circles fail, which pass, and what the message names.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = join(import.meta.dirname, '..', '..', 'scripts', 'import-cycles.mjs');
const trees: string[] = [];
afterEach(() => trees.splice(0).forEach((tree) => rmSync(tree, { recursive: true, force: true })));

/** Writes `files` (path → text) under a new folder's src/ and runs the check there. */
async function check(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const tree = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  trees.push(tree);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, 'src', path)), { recursive: true });
    writeFileSync(join(tree, 'src', path), text);
  }
  return run('node', [script, 'src'], { cwd: tree }).then(
    (done) => ({ code: 0, output: `${done.stdout}${done.stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
  );
}

describe('the import circle check', () => {
  it('passes a tree without circles, and JSON imports', async () => {
    const result = await check({ 'a.ts': "import { b } from './b.js';\nimport data from './d.json';\n", 'b.ts': 'export const b = 1;\n', 'd.json': '{}' });
    expect(result).toEqual({ code: 0, output: '' });
  });

  it('fails a circle of runtime imports, naming every file and line of it', async () => {
    const result = await check({
      'x/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'x/b.ts': "// b\nimport { c } from '../y/c.js';\nexport const b = c;\n",
      'y/c.ts': "export { a as c } from '../x/a.js';\n",
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Import circle (runtime imports)');
    expect(result.output).toContain('src/x/a.ts:1 imports src/x/b.ts');
    expect(result.output).toContain('src/x/b.ts:2 imports src/y/c.ts');
    expect(result.output).toContain('src/y/c.ts:1 imports src/x/a.ts');
    expect(result.output).toContain('✖ 1 import circle ');
  });

  it('counts import() calls and side-effect imports as runtime imports', async () => {
    const result = await check({ 'a.ts': "export const load = () => import('./b.js');\n", 'b.ts': "import './a.js';\n" });
    expect(result.code).toBe(1);
    expect(result.output).toContain('src/a.ts:1 imports src/b.ts');
    expect(result.output).toContain('src/b.ts:1 imports src/a.ts');
  });

  it('allows a circle of type imports inside one folder', async () => {
    const result = await check({
      'x/hub.ts': "import { part } from './part.js';\nexport interface Hub { n: number }\nexport const hub = part;\n",
      'x/part.ts': "import { type Hub } from './hub.js';\nexport const part = (hub: Hub) => hub.n;\n",
    });
    expect(result).toEqual({ code: 0, output: '' });
  });

  it('fails a circle across folders even when one side imports only types', async () => {
    const result = await check({
      'pipeline/engine.ts': "import type { Stack } from '../stack/stack.js';\nexport class Engine { run(stack: Stack) { return stack; } }\n",
      'stack/stack.ts': "export interface Stack { name: string }\nexport type Runner = import('../pipeline/engine.js').Engine;\n",
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Import circle (across folders, counting import type)');
    expect(result.output).toContain('src/pipeline/engine.ts:1 imports types of src/stack/stack.ts');
    expect(result.output).toContain('src/stack/stack.ts:2 imports types of src/pipeline/engine.ts');
  });

  it('reports each tangle once, naming up to five of the files its example circle leaves out', async () => {
    const spokes = ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const result = await check({
      'a.ts': spokes.map((spoke) => `import './${spoke}.js';\n`).join(''),
      ...Object.fromEntries(spokes.map((spoke) => [`${spoke}.ts`, "import './a.js';\n"])),
    });
    expect(result.code).toBe(1);
    expect(result.output.match(/Import circle/g)).toHaveLength(1);
    expect(result.output).toMatch(/one circle of several: (src\/[b-i]\.ts, ){4}src\/[b-i]\.ts and 2 more files are in them too/);
  });
});
