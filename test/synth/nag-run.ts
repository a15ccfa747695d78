// Runs cdk-nag's AwsSolutions pack the way cdk-nag 3 is meant to run: as a validation plugin of
// the app, during synthesis. Returns the violations from the validation report.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { TemplateApp } from '../../src/synth/index.js';

/** One rule finding and where it was found. */
export interface NagViolation {
  rule: string;
  paths: string[];
}

interface ValidationReport {
  pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

/** Synthesizes the app with the AwsSolutions pack and returns the unacknowledged violations. */
export function runAwsSolutions({ app }: TemplateApp): NagViolation[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    try {
      app.synth();
    } catch (error) {
      // Violations fail synthesis; the report holds them as data.
      if (!/Validation/i.test(String(error))) throw error;
    }
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    return report.pluginReports.flatMap((plugin) =>
      plugin.violations.map((violation) => ({ rule: violation.ruleName, paths: violation.violatingConstructs.map((c) => c.constructPath) })),
    );
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** Every acknowledgement recorded in a construct tree: rule id → reason. */
export function acknowledgements(root: IConstruct): Map<string, string> {
  const found = new Map<string, string>();
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) found.set(id.replace(/^annotation::/i, ''), reason);
    }
  }
  return found;
}
