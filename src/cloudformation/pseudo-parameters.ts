// Pseudo parameters (AWS docs, "Pseudo parameters reference"), with the local account and region.

/** The account and region a stack is evaluated in; both are settings of the local engine. */
export interface StackLocation {
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
}

/** The default local account id (see docs/local-cloudformation.md). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** The default local region. */
export const DEFAULT_REGION = 'us-east-1';

/** The values of every pseudo parameter except AWS::NoValue, which evaluate() handles. */
export function pseudoParameters(location: StackLocation): Record<string, unknown> {
  const china = location.region.startsWith('cn-');
  const govCloud = location.region.startsWith('us-gov-');
  return {
    'AWS::AccountId': location.accountId,
    'AWS::Region': location.region,
    'AWS::StackName': location.stackName,
    'AWS::StackId': location.stackId,
    'AWS::Partition': china ? 'aws-cn' : govCloud ? 'aws-us-gov' : 'aws',
    'AWS::URLSuffix': china ? 'amazonaws.com.cn' : 'amazonaws.com',
    'AWS::NotificationARNs': [],
  };
}

/** Availability zones for Fn::GetAZs: the region's name with letter suffixes. */
export function availabilityZones(region: string): string[] {
  // us-east-1 has six zones; every other region is given three locally (the common case).
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}
