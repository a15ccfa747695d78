// Finds where a name that CloudFormation complains about sits in the template the user gave, so
// a validation error can point at file:line:column instead of only quoting AWS.
import type { Problem } from '../errors.js';

/** The template as deployed: its text and the name to show for it. */
export interface TemplateText {
  file: string;
  text: string;
}

// CloudFormation names the culprits in a few recurring shapes, e.g.
//   Template format error: Unresolved resource dependencies [Missing] in the Resources block
//   Template error: instance of Fn::GetAtt references undefined resource Nope
//   Template format error: Unrecognized resource types: [AWS::Foo::Bar]
//   Template format error: YAML not well-formed. (line 3, column 5)
// and cfn-lint (behind moto's ValidateTemplate) quotes them: 'Nope' is not one of ['Repo'].
const LINE_COLUMN = /line (\d+), column (\d+)/i;
const NAMED = [
  /\[([^\]]+)\]/, // first bracketed list
  /undefined resource ([\w:]+)/i,
  /resource ([\w]+) /i,
  /'([^']+)'/, // first quoted name
];

/** Problems locating each name an AWS validation message mentions; empty when none is found. */
export function locateInTemplate(message: string, template: TemplateText | undefined): Problem[] {
  if (!template) return [];
  const at = LINE_COLUMN.exec(message);
  if (at) return [{ file: template.file, line: Number(at[1]), column: Number(at[2]), message }];
  // The culprit is named first in every shape above: take the match that starts earliest.
  const matches = NAMED.map((pattern) => pattern.exec(message)).filter((match): match is RegExpExecArray => Boolean(match?.[1]));
  for (const match of matches.sort((a, b) => a.index - b.index)) {
    const names = (match[1] ?? '').split(',').map((name) => name.trim().replace(/^'|'$/g, '')).filter(Boolean);
    const problems = names.flatMap((name) => {
      const where = findName(template.text, name);
      return where ? [{ file: template.file, ...where, path: name, message }] : [];
    });
    if (problems.length > 0) return problems;
  }
  return [];
}

/** Line and column (1-based) of the first whole-word use of `name`, preferring its declaration as a key. */
export function findName(text: string, name: string): { line: number; column: number } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = text.split('\n');
  const asKey = new RegExp(`^(\\s*)"?${escaped}"?\\s*:`);
  const anywhere = new RegExp(`(^|[^\\w:])${escaped}($|[^\\w:])`);
  for (const pattern of [asKey, anywhere]) {
    for (const [index, line] of lines.entries()) {
      const match = pattern.exec(line);
      if (match) {
        const column = line.indexOf(name, match.index) + 1;
        return { line: index + 1, column };
      }
    }
  }
  return undefined;
}
