// `<placeholder>` text left in commands for a person to paste a value over (`REPOSITORY_URI=<ECR
// registry URI>`). Unquoted, the shell reads `<` and `>` as redirections and the command fails;
// quoted, the build carries the placeholder on literally. The template passes the values
// instead (REPOSITORY_URI, CONTAINER_NAME, ...), so each placeholder becomes its variable.
import type { Finding } from '../finding.js';
import type { BuildspecDocument, CommandSite } from './buildspec-document.js';
import { commandFinding } from './command-finding.js';
import { findEcrUris, templateExpression } from './ecr-uri-word.js';
import { assignmentTarget, findPlaceholders, variableNamed, type Placeholder } from './placeholder-variable.js';
import { parsePrintf, rewritePrintfPlaceholders } from './printf-format.js';
import { quotingAt } from './shell-quoting.js';

/** Findings for every placeholder in the buildspec's commands. */
export function placeholderFindings(document: BuildspecDocument): Finding[] {
  return document.commands.flatMap((site) => findPlaceholders(site.value).map((placeholder) => finding(document, site, placeholder)));
}

function finding(document: BuildspecDocument, site: CommandSite, placeholder: Placeholder): Finding {
  const quoting = quotingAt(site.value, placeholder.index).quoting;
  const effect = quoting === 'none' ? 'the shell reads `<` and `>` as redirections, so the command fails' : 'the build writes it as it stands';
  const variable = variableNamed(placeholder.inner, assignmentTarget(site.value, placeholder));
  return commandFinding(document, site, placeholder.text, placeholder.index, {
    check: 'buildspec.placeholder',
    severity: 'error',
    message: `${placeholder.text} is a placeholder for a value pasted by hand: ${effect}`,
    fix: variable ? `write $${variable} instead: the template passes it to the build` : `replace ${placeholder.text} with the value it stands for`,
  });
}

/** The command with each placeholder replaced by the template's variable; undefined when nothing changes. */
export function rewritePlaceholders(command: string): string | undefined {
  let result = command;
  // A URI made of placeholders (`<ACCOUNT>.dkr.ecr.<REGION>.amazonaws.com/app`) is the template's URI.
  for (const uri of findEcrUris(result).reverse()) {
    if (uri.text.includes('<')) result = splice(result, uri.index, uri.text.length, templateExpression(uri));
  }
  const printf = parsePrintf(result);
  for (const placeholder of findPlaceholders(result).reverse()) {
    if (printf && placeholder.index >= printf.formatStart && placeholder.index < printf.formatEnd) continue;
    const variable = variableNamed(placeholder.inner, assignmentTarget(result, placeholder));
    if (variable) result = splice(result, placeholder.index, placeholder.text.length, `$${variable}`);
  }
  result = rewritePrintfPlaceholders(result) ?? result;
  return result === command ? undefined : result;
}

/** Puts a variable expression where `length` characters were, quoted so the shell expands it. */
function splice(command: string, index: number, length: number, expression: string): string {
  const after = command.slice(index + length);
  let text = expression;
  // `$NAME` followed by a letter would read a longer name: brace it.
  if (/^\$\w+$/.test(text) && /^\w/.test(after)) text = `\${${text.slice(1)}}`;
  // Single quotes expand nothing: close them around a double-quoted variable.
  if (quotingAt(command, index).quoting === 'single') text = `'"${text}"'`;
  return command.slice(0, index) + text + after;
}
