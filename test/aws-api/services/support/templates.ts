// Small templates for the CloudFormation handler tests: local resources that are quick to make
// (SSM parameters, a bucket), an IAM role for capabilities, and a template whose create fails.

/** A parameter per name, an output exported as `<stack>-first`. */
export function parametersTemplate(names: string[], options: { value?: string } = {}): string {
  const resources = names.map((name) => `  ${name}:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !Sub '\${Prefix}-${options.value ?? name}'`).join('\n');
  return `Description: parameters for handler tests
Parameters:
  Prefix:
    Type: String
    Default: p
  Secret:
    Type: String
    NoEcho: true
    Default: hidden
Resources:
${resources}
Outputs:
  First:
    Value: !GetAtt ${names[0]}.Value
    Export:
      Name: !Sub '\${AWS::StackName}-first'
`;
}

/** An IAM role, named when `roleName` is given (which needs CAPABILITY_NAMED_IAM). */
export function roleTemplate(roleName?: string): string {
  return `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
${roleName ? `      RoleName: ${roleName}\n` : ''}      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
`;
}

/** Two parameters with one name: the second fails to create, so the stack rolls back. */
export const FAILING_TEMPLATE = `Resources:
  One:
    Type: AWS::SSM::Parameter
    Properties: { Name: /same/name, Type: String, Value: one }
  Two:
    Type: AWS::SSM::Parameter
    DependsOn: One
    Properties: { Name: /same/name, Type: String, Value: two }
`;
