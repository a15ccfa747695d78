// The build output the pipeline needs. slipway's Build action declares an output artifact
// (BuildOutput), and CodeBuild fails a build whose buildspec then defines none ("CLIENT_ERROR:
// no definition for primary artifacts in buildspec"). An ECS standard deploy reads
// imagedefinitions.json from that output (CodePipeline, "Image definitions file reference"), so
// `artifacts.files` must list it.
import { isScalar, isSeq } from 'yaml';
import picomatch from 'picomatch';
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { pairAt, startOf, valueAt } from './yaml-pairs.js';
import type { BuildspecContext } from './context.js';

const IMAGE_DEFINITIONS = 'imagedefinitions.json';

/** Findings for a missing `artifacts` section and for imagedefinitions.json missing from it. */
export function artifactFindings(document: BuildspecDocument, context: BuildspecContext): Finding[] {
  const root = document.doc.contents;
  const artifacts = pairAt(root, 'artifacts');
  if (!artifacts) {
    if (!context.expectsOutputArtifact) return [];
    return [
      {
        check: 'buildspec.artifacts-missing',
        severity: 'error',
        file: document.file,
        ...document.position(startOf(root) ?? 0),
        message: 'there is no artifacts section, but the pipeline\'s Build action declares an output artifact: CodeBuild fails the build (no definition for primary artifacts in buildspec)',
        fix: `add at the end:\nartifacts:\n  files:\n    - ${context.ecsFileName ?? IMAGE_DEFINITIONS}`,
      },
    ];
  }
  // Paths are relative to base-directory when there is one; the file's place is then unknown.
  if (valueAt(artifacts.value, 'base-directory') !== undefined) return [];
  const filesNode = valueAt(artifacts.value, 'files');
  const files = patterns(filesNode);
  const wanted = context.ecsFileName ?? IMAGE_DEFINITIONS;
  if (files.some((pattern) => picomatch.isMatch(wanted, pattern, { dot: true }))) return [];
  const written = document.commands.some((site) => new RegExp(`>\\s*['"]?(?:\\./)?${wanted.replace(/\./g, '\\.')}\\b`).test(site.value));
  if (!context.ecsFileName && !written) return [];
  return [
    {
      check: 'buildspec.image-definitions',
      severity: context.ecsFileName ? 'error' : 'warning',
      file: document.file,
      path: 'artifacts.files',
      ...document.position(startOf(filesNode) ?? startOf(artifacts.key) ?? 0),
      message: context.ecsFileName
        ? `the ECS deploy action reads ${wanted} from the build output, and artifacts.files does not list it: the deploy fails`
        : `the build writes ${wanted}, which an ECS deploy reads, but artifacts.files does not list it, so the build output leaves it out`,
      fix: `add ${wanted} to artifacts.files`,
    },
  ];
}

/** The file patterns of `artifacts.files`: one string or a list. */
function patterns(node: unknown): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
}
