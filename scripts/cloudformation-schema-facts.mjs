// Writes two facts the local CloudFormation engine checks templates against, taken from the
// CloudFormation resource provider schemas that cfn-lint bundles (us-east-1):
//   src/local/stack/resource-type-names.ts     every resource type name CloudFormation has, and
//                                              CFN_LINT_VERSION, the cfn-lint they were read from
//   src/local/stack/resource-property-names.ts the property names of each emulated type (the keys
//                                              of PROVIDERS in src/local/stack/providers/index.ts)
//
// Regenerate after adding a provider or upgrading cfn-lint:
//   node scripts/cloudformation-schema-facts.mjs
// Check that the checked-in files match the installed cfn-lint (exit 1 when not):
//   npm run check:schema-facts      (node scripts/cloudformation-schema-facts.mjs --check)
// Print the emulated types, as read from providers/index.ts (a test compares them with PROVIDERS):
//   node scripts/cloudformation-schema-facts.mjs --emulated-types
// Print the installed cfn-lint's version (exit 3 when cfn-lint is not installed):
//   node scripts/cloudformation-schema-facts.mjs --installed-version
// Needs cfn-lint (`pip install cfn-lint`, pipx or pyenv): its schemas are found through the Python
// interpreter named on the first line of the `cfn-lint` executable on PATH.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const root = join(import.meta.dirname, '..');
const TYPES_FILE = join(root, 'src/local/stack/resource-type-names.ts');
const PROPERTIES_FILE = join(root, 'src/local/stack/resource-property-names.ts');
const PROVIDERS_FILE = join(root, 'src/local/stack/providers/index.ts');
const REGENERATE = 'node scripts/cloudformation-schema-facts.mjs';
/** Exit status of --installed-version when no cfn-lint is on PATH. */
const NOT_INSTALLED = 3;

/** The keys of PROVIDERS in providers/index.ts, read from its source so the list is written once. */
function emulatedTypes() {
  const text = readFileSync(PROVIDERS_FILE, 'utf8');
  const block = /^export const PROVIDERS\b[^{]*\{\n([\s\S]*?)^\};$/m.exec(text);
  if (!block) throw new Error(`no 'export const PROVIDERS = { ... };' block in ${PROVIDERS_FILE}`);
  const types = [...block[1].matchAll(/^\s+'([^']+)':/gm)].map((match) => match[1]).sort();
  if (types.length === 0) throw new Error(`no provider keys read from ${PROVIDERS_FILE}`);
  return types;
}

/** The first `cfn-lint` executable on PATH, or undefined. */
function cfnLintOnPath() {
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(folder, 'cfn-lint');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The command (interpreter and its arguments) that runs the Python cfn-lint is installed in. */
function cfnLintPython(executable) {
  const first = readFileSync(executable, 'utf8').split('\n', 1)[0];
  const words = first.startsWith('#!') ? first.slice(2).trim().split(/\s+/) : [];
  // `#!/usr/bin/env python3` names the interpreter to look up on PATH.
  const command = words[0] && basename(words[0]) === 'env' ? words.slice(1).filter((word) => !word.startsWith('-')) : words;
  if (command[0] && /^python/.test(basename(command[0]))) return command;
  // A pyenv shim is a shell script; pyenv names the real executable, whose first line names Python.
  if (readFileSync(executable, 'utf8').includes('pyenv" exec')) {
    return cfnLintPython(execFileSync('pyenv', ['which', 'cfn-lint'], { encoding: 'utf8' }).trim());
  }
  throw new Error(`cannot tell which Python runs ${executable}: its first line is '${first}', not '#!/path/to/python'`);
}

/** The installed cfn-lint's version and its bundled schemas folder, or undefined when it is not installed. */
function installedCfnLint() {
  const executable = cfnLintOnPath();
  if (!executable) return undefined;
  const [python, ...args] = cfnLintPython(executable);
  // find_spec locates the package without importing it (importing cfn-lint takes seconds).
  const probe = [
    'import importlib.metadata, importlib.util, json',
    "spec = importlib.util.find_spec('cfnlint')",
    "print(json.dumps({'version': importlib.metadata.version('cfn-lint'), 'package': spec.submodule_search_locations[0]}))",
  ].join('\n');
  const found = JSON.parse(execFileSync(python, [...args, '-c', probe], { encoding: 'utf8' }));
  return { version: found.version, schemas: join(found.package, 'data', 'schemas') };
}

/** Type name → schema file hash, from cfn-lint's us-east-1 provider list (a Python dict literal). */
function typeTable(schemas) {
  const text = readFileSync(join(schemas, 'providers', 'us_east_1.py'), 'utf8');
  const table = new Map();
  for (const match of text.matchAll(/^\s+"([^"]+)": "([0-9a-f]+)",$/gm)) table.set(match[1], match[2]);
  // "Module" is cfn-lint's schema for CloudFormation modules, not a resource type.
  table.delete('Module');
  if (table.size < 1000) throw new Error(`only ${table.size} types read from ${schemas}; has cfn-lint's layout changed?`);
  return table;
}

/** The schema's property names; 'any' when the schema leaves additionalProperties open (e.g. AWS::CDK::Metadata). */
function propertyNames(schemas, table, type) {
  const hash = table.get(type);
  if (!hash) throw new Error(`${type} is not in cfn-lint's us-east-1 schemas`);
  const schema = JSON.parse(readFileSync(join(schemas, 'resources', `${hash}.json`), 'utf8'));
  if (schema.additionalProperties !== false) return 'any';
  return Object.keys(schema.properties ?? {}).sort();
}

function header(purpose, version) {
  return [
    `// ${purpose}`,
    '// Generated by scripts/cloudformation-schema-facts.mjs from the CloudFormation resource provider',
    `// schemas bundled with cfn-lint ${version} (us-east-1); do not edit by hand, run the script again.`,
  ].join('\n');
}

function typesFile(table, version) {
  const names = [...table.keys()].sort();
  return `${header('Every resource type CloudFormation has (AWS CloudFormation resource type reference).', version)}

/** The cfn-lint release whose schemas these facts were generated from. */
export const CFN_LINT_VERSION = '${version}';

/** Resource type names, AWS:: and the public third-party ones AWS publishes (e.g. Alexa::ASK::Skill). */
export const RESOURCE_TYPE_NAMES: ReadonlySet<string> = new Set([
${names.map((name) => `  '${name}',`).join('\n')}
]);
`;
}

function propertiesFile(schemas, table, version) {
  const entries = emulatedTypes().map((type) => {
    const names = propertyNames(schemas, table, type);
    const value = names === 'any' ? "'any'" : `[${names.map((name) => `'${name}'`).join(', ')}]`;
    return `  '${type}': ${value},`;
  });
  return `${header('The properties each emulated resource type accepts, read-only ones included.', version)}

/** Property names by type; 'any' where the schema allows any property. */
export const RESOURCE_PROPERTY_NAMES = {
${entries.join('\n')}
} as const satisfies Record<string, readonly string[] | 'any'>;
`;
}

if (process.argv.includes('--emulated-types')) {
  console.log(emulatedTypes().join('\n'));
  process.exit(0);
}
const recorded = /^export const CFN_LINT_VERSION = '([^']+)';$/m.exec(readFileSync(TYPES_FILE, 'utf8'))?.[1] ?? 'unknown';
const cfnLint = installedCfnLint();
if (process.argv.includes('--installed-version')) {
  if (!cfnLint) {
    console.error('cfn-lint is not installed (no cfn-lint executable on PATH)');
    process.exit(NOT_INSTALLED);
  }
  console.log(cfnLint.version);
  process.exit(0);
}
if (!cfnLint) throw new Error('cfn-lint is not installed (no cfn-lint executable on PATH); pip install cfn-lint');
const table = typeTable(cfnLint.schemas);
const wanted = [
  [TYPES_FILE, typesFile(table, cfnLint.version)],
  [PROPERTIES_FILE, propertiesFile(cfnLint.schemas, table, cfnLint.version)],
];
if (process.argv.includes('--check')) {
  const stale = wanted.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file);
  if (stale.length > 0) {
    console.error(`out of date with the installed cfn-lint ${cfnLint.version} (generated from cfn-lint ${recorded}): ${stale.join(', ')}\nrun: ${REGENERATE}`);
    process.exit(1);
  }
  console.log(`up to date with the installed cfn-lint ${cfnLint.version} schemas (${table.size} types)`);
} else {
  for (const [file, text] of wanted) writeFileSync(file, text);
  console.log(`wrote ${wanted.map(([file]) => file).join(', ')} from cfn-lint ${cfnLint.version} (${table.size} types)`);
}
