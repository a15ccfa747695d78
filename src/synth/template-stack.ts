// The stack every slipway template is synthesized from: standalone (no bootstrap, no assets, no
// version-check rule) and with logical ids a person can read and the local engine can show.
import { BootstraplessSynthesizer, Stack, type CfnElement } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * A stack whose logical ids come from construct ids: the path below the stack, without the
 * top-level construct's own id and without `Resource`, in PascalCase (`Pipeline/BuildProject/Logs`
 * → `BuildProjectLogs`). CDK's default adds a hash to every nested id.
 */
export class TemplateStack extends Stack {
  private readonly owners = new Map<string, string>();

  constructor(scope: Construct, id: string, description: string) {
    super(scope, id, {
      description,
      analyticsReporting: false,
      // No CDK bootstrap: no BootstrapVersion parameter or rule, and an asset (something to
      // upload before the stack exists) is refused at synth time instead of silently needed.
      synthesizer: new BootstraplessSynthesizer(),
    });
    this.templateOptions.templateFormatVersion = '2010-09-09';
  }

  protected override allocateLogicalId(element: CfnElement): string {
    const path = element.node.scopes.slice(this.node.scopes.length).map((scope) => scope.node.id);
    const named = path.length > 1 ? path.slice(1) : path;
    const logicalId = named
      .filter((part) => part !== 'Resource')
      .map((part) => part.replace(/[^A-Za-z0-9]/g, ''))
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('');
    const owner = this.owners.get(logicalId);
    if (owner !== undefined && owner !== element.node.path) {
      throw new Error(`two template elements would share the logical id ${logicalId}: ${owner} and ${element.node.path}`);
    }
    this.owners.set(logicalId, element.node.path);
    return logicalId;
  }
}
