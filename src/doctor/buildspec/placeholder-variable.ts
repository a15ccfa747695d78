// Which of the template's variables a placeholder such as `<IMAGE_REPO_URI>` stands for. The
// template's CodeBuild project passes REPOSITORY_URI, IMAGE_REPO_NAME, CONTAINER_NAME and
// AWS_ACCOUNT_ID (src/init/buildspec.ts, BUILD_ENVIRONMENT_VARIABLES); CodeBuild itself sets
// AWS_DEFAULT_REGION.
import { BUILD_ENVIRONMENT_VARIABLES } from '../../config/build-variables.js';

// Placeholders left for a person (`<ECR registry URI>`, `<YOUR_ACCOUNT_ID>`, `<<<Container
// Name>>>`); inner text starts with a letter, so `<(cmd)`, `<<EOF` and `2>&1` are not taken.
const PLACEHOLDER = /<+([A-Za-z][^<>\n]{0,60}?)>+/g;
// Lowercase-only tags such as `<html>` in an echo are not placeholders unless they name a value.
const VALUE_WORDS = /your|uri|url|account|region|repo|registry|container|name|\bid\b|_id|here|replace|tag|image|ecr/i;

/** A placeholder in a command: the whole `<...>` text, where it starts, and its inner words. */
export interface Placeholder {
  text: string;
  index: number;
  inner: string;
}

/** Every placeholder in a command, left to right. */
export function findPlaceholders(command: string): Placeholder[] {
  return [...command.matchAll(PLACEHOLDER)]
    .filter((match) => !/\s$/.test(match[1]!) && (/[A-Z]/.test(match[1]!) || VALUE_WORDS.test(match[1]!)))
    .map((match) => ({ text: match[0], index: match.index, inner: match[1]! }));
}

/** The variable a placeholder stands for, by its own words; undefined when they name none. */
export function variableNamed(inner: string, assignedTo?: string): string | undefined {
  if (assignedTo && (BUILD_ENVIRONMENT_VARIABLES as readonly string[]).includes(assignedTo)) return assignedTo;
  const words = inner.toLowerCase();
  if (words.includes('container')) return 'CONTAINER_NAME';
  if (words.includes('account')) return 'AWS_ACCOUNT_ID';
  if (words.includes('region')) return 'AWS_DEFAULT_REGION';
  if (/(repo|repository|image)[\s_-]*name/.test(words)) return 'IMAGE_REPO_NAME';
  if (/uri|url|registry|ecr|repo/.test(words)) return 'REPOSITORY_URI';
  return undefined;
}

/** The name a placeholder is assigned to when it is the whole value of `NAME=<...>`. */
export function assignmentTarget(command: string, placeholder: Placeholder): string | undefined {
  const before = /(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=$/.exec(command.slice(0, placeholder.index));
  const after = command.slice(placeholder.index + placeholder.text.length);
  return before && /^(?:\s|;|&|\)|$)/.test(after) ? before[1] : undefined;
}
