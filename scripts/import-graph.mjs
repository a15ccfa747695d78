// The import graph of a source tree, as the circle check reads it: every relative import,
// re-export and import() of every .ts file, its line, and whether it brings types only (`import
// type`, or `import { type A }`, which tsc erases; tsconfig.json has no verbatimModuleSyntax).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** Each .ts file under `folders` and its imports: `{ from, target, line, typeOnly }`. */
export function importGraph(folders) {
  const files = folders.filter((folder) => existsSync(folder)).flatMap(filesUnder);
  const scanned = new Set(files);
  // Only files of the tree: a JSON module or a file outside the folders given cannot close a circle here.
  return new Map(files.map((file) => [file, importsOf(file).filter((edge) => scanned.has(edge.target)).map((edge) => ({ ...edge, from: file }))]));
}

/** Every .ts file under `folder`. */
function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => resolve(entry.parentPath, entry.name));
}

/**
 * The file's relative imports: declarations, re-exports, and `import('./x.js')` calls (a lazy
 * import still makes a circle, only a later one), with their line and whether only types come.
 */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found = [];
  const add = (node, literal, typeOnly) => {
    if (!literal || !ts.isStringLiteral(literal) || !literal.text.startsWith('.')) return;
    const target = resolve(dirname(file), literal.text.replace(/\.js$/, '.ts'));
    found.push({ target, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, isTypeOnlyImport(node.importClause));
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly || isTypeOnlyList(node.exportClause));
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false);
    // `typeof import('./x.js')` and `import('./x.js').Type`: types only.
    else if (ts.isImportTypeNode(node)) add(node, ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// `import {}` and `import 'x'` still load the module; `import { type A, type B }` does not.
function isTypeOnlyImport(clause) {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name || !clause.namedBindings || ts.isNamespaceImport(clause.namedBindings)) return false;
  return isTypeOnlyList(clause.namedBindings);
}

function isTypeOnlyList(list) {
  return list !== undefined && (ts.isNamedImports(list) || ts.isNamedExports(list)) && list.elements.length > 0
    && list.elements.every((item) => item.isTypeOnly);
}
