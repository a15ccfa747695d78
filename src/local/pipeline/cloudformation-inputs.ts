// What a CloudFormation deploy action reads from its input artifacts (CloudFormation user guide,
// "CloudFormation configuration properties reference" and "CloudFormation artifacts"): the
// template at TemplatePath and the template configuration file at TemplateConfiguration, both
// written `ArtifactName::FileName`; the configuration's Parameters, overridden by
// ParameterOverrides ("These values override those set in the template configuration file").
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { isRecord } from '../../cloudformation/index.js';
import { configurationError, type ActionRun } from './action-run.js';
import { extractArtifact } from './artifact-files.js';
import type { ArtifactLocation } from './execution-model.js';
import { parameterOverrides } from './parameter-overrides.js';

/** The action's input artifacts, unzipped, by name. */
export interface InputArtifacts {
  /** The input artifact `name`; fails naming `what` when the action has no such input. */
  location(name: string, what: string): ArtifactLocation;
  /** The path of `file` inside the input artifact `name`. */
  path(name: string, file: string, what: string): string;
  /** The text of `file` inside the input artifact `name`. */
  read(name: string, file: string, what: string): Promise<string>;
}

/** Unzips every input of the action into its work folder. */
export async function openInputs(run: ActionRun): Promise<InputArtifacts> {
  const dirOf = (name: string) => join(run.workDir, 'in', name);
  for (const input of run.inputs) await extractArtifact(run.services.buckets, input, dirOf(input.name), join(run.workDir, 'zips', input.name));
  const inputs: InputArtifacts = {
    location(name, what) {
      const found = run.inputs.find((input) => input.name === name);
      if (!found) throw configurationError(`${what} names the artifact '${name}', which is not an input artifact of this action (its inputs: ${run.inputs.map((input) => input.name).join(', ') || 'none'})`);
      return found;
    },
    path(name, file, what) {
      const root = resolve(dirOf(inputs.location(name, what).name));
      const target = resolve(root, file);
      if (!target.startsWith(`${root}${sep}`)) throw configurationError(`${what} names '${file}', which is outside the artifact ${name}`);
      return target;
    },
    async read(name, file, what) {
      return readFile(inputs.path(name, file, what), 'utf8').catch(() => {
        throw configurationError(`${what} names the file '${file}', which the artifact ${name} does not hold`);
      });
    },
  };
  return inputs;
}

/** `ArtifactName::FileName` split in two. */
export function artifactPath(text: string, key: string): { artifact: string; file: string } {
  const at = text.indexOf('::');
  if (at <= 0 || at + 2 >= text.length) throw configurationError(`${key} must be ArtifactName::FileName; got '${text}'`);
  return { artifact: text.slice(0, at), file: text.slice(at + 2) };
}

/** The template (its text and the file it came from) and the parameters a stack is given. */
export async function stackInput(run: ActionRun, inputs: InputArtifacts): Promise<{
  templateBody: string; templateFile: string; parameters: Record<string, string>
}> {
  const config = run.configuration;
  if (config.TemplatePath === undefined) throw configurationError(`TemplatePath is required in the action mode ${String(config.ActionMode)}`);
  const template = artifactPath(String(config.TemplatePath), 'TemplatePath');
  const templateBody = await inputs.read(template.artifact, template.file, 'TemplatePath');
  const parameters: Record<string, string> = {};
  if (config.TemplateConfiguration !== undefined) {
    const where = artifactPath(String(config.TemplateConfiguration), 'TemplateConfiguration');
    const text = await inputs.read(where.artifact, where.file, 'TemplateConfiguration');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw configurationError(`the template configuration file ${String(config.TemplateConfiguration)} is not JSON: ${(error as Error).message}`);
    }
    if (!isRecord(parsed) || (parsed.Parameters !== undefined && !isRecord(parsed.Parameters))) throw configurationError(`the template configuration file ${String(config.TemplateConfiguration)} must be a JSON object whose Parameters is an object of names to values`);
    for (const [name, value] of Object.entries((parsed.Parameters ?? {}) as Record<string, unknown>)) parameters[name] = String(value);
    // Tags and StackPolicy are accepted: local stacks keep neither.
    if (parsed.Tags !== undefined || parsed.StackPolicy !== undefined) run.say('the template configuration\'s Tags and StackPolicy are accepted; local stacks keep neither');
  }
  Object.assign(parameters, await parameterOverrides(run, inputs));
  return { templateBody, templateFile: inputs.path(template.artifact, template.file, 'TemplatePath'), parameters };
}
