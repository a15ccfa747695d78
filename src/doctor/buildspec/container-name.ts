// A container name written by hand into imagedefinitions.json (`printf '[{"name":"hello-dude",
// ...'`). The ECS deploy updates the container of that name in the service's task definition
// (CodePipeline, "Image definitions file reference"); the template passes the one slipway.yml
// names (image.containerName) as CONTAINER_NAME, and the two drifting apart is easy to miss.
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { commandFinding } from './command-finding.js';
import type { BuildspecContext } from './context.js';

// `"name":"<literal>"` where the literal is no variable, conversion or placeholder.
const NAME_FIELD = /"name"\s*:\s*"([^"$%<>`]+)"/g;

/** Findings for literal container names that differ from image.containerName. */
export function containerNameFindings(document: BuildspecDocument, context: BuildspecContext): Finding[] {
  const expected = context.containerName;
  if (!expected) return [];
  return document.commands
    .filter((site) => site.value.includes('imageUri'))
    .flatMap((site) =>
      [...site.value.matchAll(NAME_FIELD)]
        .filter((match) => match[1] !== expected)
        .map((match) =>
          commandFinding(document, site, match[1]!, match.index + match[0].length - match[1]!.length - 1, {
            check: 'buildspec.container-name',
            severity: 'warning',
            message: `imagedefinitions.json names the container '${match[1]}', but slipway.yml's image.containerName is '${expected}' (the template passes it as CONTAINER_NAME): an ECS deploy updates the container named here`,
            fix: 'write %s in the format and pass "$CONTAINER_NAME" as its argument, and set image.containerName to the task definition\'s container',
          }),
        ),
    );
}
