// Pseudo parameters (AWS docs, "Pseudo parameters reference"), with the local account and region.
import { partitionOf, urlSuffixOf } from './aws-location.js';

// Re-exported for importers of this file (src/cli/commands/stack.ts); new code imports them from index.js.
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './aws-location.js';

/** The account and region a stack is evaluated in; both are settings of the local engine. */
export interface StackLocation {
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
}

/** The values of every pseudo parameter except AWS::NoValue, which evaluate() handles. */
export function pseudoParameters(location: StackLocation): Record<string, unknown> {
  return {
    'AWS::AccountId': location.accountId,
    'AWS::Region': location.region,
    'AWS::StackName': location.stackName,
    'AWS::StackId': location.stackId,
    'AWS::Partition': partitionOf(location.region),
    'AWS::URLSuffix': urlSuffixOf(location.region),
    'AWS::NotificationARNs': [],
  };
}

/** Availability zones for Fn::GetAZs: the region's name with letter suffixes. */
export function availabilityZones(region: string): string[] {
  // us-east-1 has six zones; every other region is given three locally (the common case).
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}
