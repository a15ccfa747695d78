// Macros (`Fn::Transform`, e.g. AWS::Include): CloudFormation runs a macro on the template before
// it validates the result ("Perform custom processing on CloudFormation templates with template
// macros"); no macro runs locally, so every place that can hold one refuses it with one message.
import { isRecord } from './records.js';

/** Why a macro (Fn::Transform) is refused before anything is made. */
export function macroMessage(args: unknown): string {
  const macro = isRecord(args) && typeof args.Name === 'string' ? ` (macro ${args.Name})` : '';
  // A macro rewrites the template before CloudFormation validates it; no macro runs locally.
  return `Fn::Transform${macro} is a macro, which is not run locally; expand it first (for AWS::Include, paste the included snippet in its place)`;
}
