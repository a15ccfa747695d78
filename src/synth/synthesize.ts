// Runs CDK synthesis in-process and returns the template as plain data, cleaned of everything
// that ties it to CDK: a template a person can upload in the CloudFormation console.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { joinsToSubs } from './join-to-sub.js';
import { TemplateStack } from './template-stack.js';

/** A CloudFormation template as data. */
export type CloudFormationTemplate = Record<string, unknown>;

/** An app with the one stack a template is made from. */
export interface TemplateApp {
  readonly app: App;
  readonly stack: TemplateStack;
}

const STACK_ID = 'Slipway';

/**
 * Creates the app and its stack. The app creates its cloud assembly folder in the system's
 * temporary folder at once; synthesizeApp (or disposeApp) removes it.
 */
export function createTemplateApp(description: string): TemplateApp {
  const outdir = join(tmpdir(), `slipway-synth-${randomUUID()}`);
  const app = new App({
    outdir,
    analyticsReporting: false,
    treeMetadata: false,
    // cfn-lint checks every template in slipway's tests; the built-in validator would add
    // seconds to each synth and print to the console.
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:enable-path-metadata': false },
  });
  return { app, stack: new TemplateStack(app, STACK_ID, description) };
}

/** Synthesizes the app's stack and returns its cleaned template. */
export function synthesizeApp({ app, stack }: TemplateApp): CloudFormationTemplate {
  try {
    const assembly = app.synth();
    return cleanTemplate(assembly.getStackByName(stack.stackName).template as CloudFormationTemplate);
  } finally {
    disposeApp({ app, stack });
  }
}

/** Builds the stack with `build`, synthesizes it, and removes the app's folder whatever happens. */
export function synthesizeWith(description: string, build: (stack: TemplateStack) => void): CloudFormationTemplate {
  const template = createTemplateApp(description);
  try {
    build(template.stack);
    return synthesizeApp(template);
  } finally {
    disposeApp(template);
  }
}

/** Removes the app's cloud assembly folder. */
export function disposeApp({ app }: TemplateApp): void {
  rmSync(app.outdir, { recursive: true, force: true });
}

// The order a person reads a template in.
const SECTION_ORDER = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs'];

/** Drops CDK's metadata, version-check parameter and rule, writes joins as Fn::Sub, and orders the sections. */
export function cleanTemplate(synthesized: CloudFormationTemplate): CloudFormationTemplate {
  const template = joinsToSubs(synthesized) as CloudFormationTemplate;
  const resources = { ...(template.Resources as Record<string, Record<string, unknown>>) };
  delete resources.CDKMetadata;
  for (const [id, resource] of Object.entries(resources)) {
    const metadata = resource.Metadata as Record<string, unknown> | undefined;
    if (metadata === undefined) continue;
    const kept = Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith('aws:cdk:') && key !== 'cdk_nag'));
    const { Metadata: _dropped, ...rest } = resource;
    resources[id] = Object.keys(kept).length > 0 ? { ...rest, Metadata: kept } : rest;
  }
  const cleaned: CloudFormationTemplate = { ...template, Resources: resources };
  withoutKey(cleaned, 'Parameters', 'BootstrapVersion');
  withoutKey(cleaned, 'Rules', 'CheckBootstrapVersion');
  withoutKey(cleaned, 'Conditions', 'CDKMetadataAvailable');
  const ordered: CloudFormationTemplate = {};
  for (const section of SECTION_ORDER) if (cleaned[section] !== undefined) ordered[section] = cleaned[section];
  for (const [section, value] of Object.entries(cleaned)) if (!(section in ordered)) ordered[section] = value;
  return ordered;
}

function withoutKey(template: CloudFormationTemplate, section: string, key: string): void {
  const entries = template[section] as Record<string, unknown> | undefined;
  if (entries === undefined || !(key in entries)) return;
  const { [key]: _dropped, ...rest } = entries;
  if (Object.keys(rest).length > 0) template[section] = rest;
  else delete template[section];
}
