// Fn::GetStackOutput: the value of another stack's output, without an export (AWS docs,
// "Fn::GetStackOutput"): `{StackName, OutputName, Region?, RoleArn?}`. CloudFormation reads the
// output with DescribeStacks when the stack is created or updated; locally the engine reads its
// own stacks, which all live in one account and one region.
import type { PathKey } from '../yaml/located-document.js';
import { IntrinsicError, stringOf } from './intrinsic-error.js';
import { isRecord } from './records.js';

/** What the engine found for a stack name and output name. */
export type StackOutputLookup = { value: string } | { missing: 'stack' } | { missing: 'output'; outputs: string[] };

/** The part of an evaluation scope Fn::GetStackOutput reads: the local account and region, and the other stacks. */
export interface StackOutputScope {
  pseudo: Record<string, unknown>;
  stackOutput?(stackName: string, outputName: string): StackOutputLookup;
}

const KEYS = ['StackName', 'OutputName', 'Region', 'RoleArn'];

/**
 * Reads `Fn::GetStackOutput` from its arguments as written (`args`, for messages) and as the
 * evaluator evaluated them (`evaluated`); a Region or a role in another account is refused, there
 * being one of each locally.
 */
export function readStackOutput(args: unknown, evaluated: unknown, scope: StackOutputScope, path: readonly PathKey[]): string {
  const values = isRecord(evaluated) ? evaluated : undefined;
  if (!values || values.StackName === undefined || values.OutputName === undefined) {
    throw new IntrinsicError(`Template error: Fn::GetStackOutput needs a mapping with StackName and OutputName (Region and RoleArn are optional); got ${JSON.stringify(args)}`, path);
  }
  const unknown = Object.keys(values).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new IntrinsicError(`Template error: Fn::GetStackOutput does not take ${unknown.join(', ')} (only ${KEYS.join(', ')})`, path);
  const text = (key: string) => stringOf(values[key], `the Fn::GetStackOutput ${key}`, [...path, key]);
  const [stackName, outputName] = [text('StackName'), text('OutputName')];
  const localRegion = String(scope.pseudo['AWS::Region']);
  if (values.Region !== undefined && text('Region') !== localRegion) {
    throw new IntrinsicError(`Fn::GetStackOutput: Region '${text('Region')}' is another region; local stacks all live in one region ('${localRegion}'), so only its stacks can be read (leave Region out, or give '${localRegion}')`, [...path, 'Region']);
  }
  const localAccount = String(scope.pseudo['AWS::AccountId']);
  if (values.RoleArn !== undefined && text('RoleArn').split(':')[4] !== localAccount) {
    throw new IntrinsicError(`Fn::GetStackOutput: RoleArn '${text('RoleArn')}' is a role in another account; local stacks all live in one account ('${localAccount}')`, [...path, 'RoleArn']);
  }
  const found = scope.stackOutput?.(stackName, outputName) ?? { missing: 'stack' };
  if ('value' in found) return found.value;
  // The words of DescribeStacks, which CloudFormation calls to read the output.
  if (found.missing === 'stack') throw new IntrinsicError(`Fn::GetStackOutput: Stack with id ${stackName} does not exist (create it first: slipway stack create --stack-name ${stackName})`, path);
  const known = found.outputs.length > 0 ? `its outputs are ${found.outputs.join(', ')}` : 'it has no outputs';
  throw new IntrinsicError(`Fn::GetStackOutput: stack ${stackName} has no output named ${outputName} (${known})`, path);
}
