// Copies the AWS API models the local AWS endpoint serves from the version 2 AWS SDK for JavaScript
// (npm `aws-sdk`, a devDependency: its apis/<service>-<api version>.min.json) into
// src/local/aws-api/models/<service>.json, with the SDK's LICENSE.txt and NOTICE.txt (Apache-2.0)
// and a README naming where each file comes from. The runtime reads only these checked-in copies.
//
// The services are the keys of MODEL_LOADERS in src/local/aws-api/model/catalog.ts (read from its
// source, so the list is written once). Regenerate after adding a service or upgrading aws-sdk:
//   node scripts/aws-models.mjs
// Check that the checked-in copies match the installed aws-sdk (exit 1 on drift):
//   npm run check:aws-models      (node scripts/aws-models.mjs --check)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { Buffer } from 'node:buffer';

const root = join(import.meta.dirname, '..');
const MODELS = join(root, 'src/local/aws-api/models');
const CATALOG = join(root, 'src/local/aws-api/model/catalog.ts');
const REGENERATE = 'node scripts/aws-models.mjs';

/** The service names of MODEL_LOADERS in catalog.ts. */
function serviceNames() {
  const text = readFileSync(CATALOG, 'utf8');
  const names = [...text.matchAll(/^\s+'?([a-z0-9-]+)'?: \(\) => import\('\.\.\/models\/([a-z0-9-]+)\.json'/gm)].map((match) => {
    if (match[1] !== match[2]) throw new Error(`${CATALOG}: service '${match[1]}' loads models/${match[2]}.json; the names must be the same`);
    return match[1];
  });
  if (names.length === 0) throw new Error(`no "name: () => import('../models/<name>.json'" lines read from ${CATALOG}`);
  return names.sort();
}

/** The installed aws-sdk's folder and version; fails with the install command when it is missing. */
function installedSdk() {
  let manifest;
  try {
    manifest = createRequire(join(root, 'package.json')).resolve('aws-sdk/package.json');
  } catch {
    throw new Error('aws-sdk is not installed (it is a devDependency): run npm ci');
  }
  return { folder: dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
}

/** The newest API version's min.json of a service in the SDK's apis/ folder. */
function modelSource(apis, service) {
  const pattern = new RegExp(`^${service.replace(/[-]/g, '\\-')}-(\\d{4}-\\d{2}-\\d{2})\\.min\\.json$`);
  const versions = readdirSync(apis).filter((file) => pattern.test(file)).sort();
  const file = versions.at(-1);
  if (!file) throw new Error(`aws-sdk has no apis/${service}-<version>.min.json`);
  return file;
}

function readme(sdk, rows) {
  return `# AWS API models

Copied by \`scripts/aws-models.mjs\` from the version 2 AWS SDK for JavaScript (npm \`aws-sdk\`
${sdk.version}, files \`apis/<service>-<api version>.min.json\`), Copyright Amazon.com, Inc. or its
affiliates, under the Apache License 2.0 (\`LICENSE.txt\` and \`NOTICE.txt\` beside this file). Do not
edit by hand: run \`${REGENERATE}\` again; \`npm run check:aws-models\` reports drift.

| file | copied from | protocol |
|---|---|---|
${rows.map((row) => `| ${row.service}.json | apis/${row.file} | ${row.protocol} |`).join('\n')}
`;
}

/** Every file the models folder should hold, as [path, contents]. */
function wantedFiles(sdk) {
  const apis = join(sdk.folder, 'apis');
  const rows = [];
  const files = [];
  for (const service of serviceNames()) {
    const file = modelSource(apis, service);
    const text = readFileSync(join(apis, file));
    const metadata = JSON.parse(text.toString('utf8')).metadata;
    const protocol = metadata.protocol === 'json' ? `awsJson ${metadata.jsonVersion}` : metadata.protocol;
    rows.push({ service, file, protocol });
    files.push([join(MODELS, `${service}.json`), text]);
  }
  for (const legal of ['LICENSE.txt', 'NOTICE.txt']) files.push([join(MODELS, legal), readFileSync(join(sdk.folder, legal))]);
  files.push([join(MODELS, 'README.md'), Buffer.from(readme(sdk, rows))]);
  return files;
}

const sdk = installedSdk();
const wanted = wantedFiles(sdk);
if (process.argv.includes('--check')) {
  const expected = new Set(wanted.map(([file]) => file));
  const stale = wanted.filter(([file, bytes]) => !existsSync(file) || !readFileSync(file).equals(bytes)).map(([file]) => file);
  const extra = readdirSync(MODELS).map((file) => join(MODELS, file)).filter((file) => !expected.has(file));
  if (stale.length > 0 || extra.length > 0) {
    const lines = [...stale.map((file) => `  differs from aws-sdk ${sdk.version}: ${file}`), ...extra.map((file) => `  not in the catalog: ${file}`)];
    console.error(`the AWS API models are out of date:\n${lines.join('\n')}\nrun: ${REGENERATE}`);
    process.exit(1);
  }
  console.log(`up to date with aws-sdk ${sdk.version} (${wanted.length - 3} models)`);
} else {
  for (const [file, bytes] of wanted) writeFileSync(file, bytes);
  console.log(`wrote ${wanted.length - 3} models, LICENSE.txt, NOTICE.txt and README.md to ${MODELS} from aws-sdk ${sdk.version}`);
}
