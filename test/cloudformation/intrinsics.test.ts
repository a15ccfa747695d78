// Intrinsic functions, with AWS's documented behaviour as the specification.
import { describe, expect, it } from 'vitest';
import { cidrSubnets, IntrinsicError, parseDynamicReference, parseSecretReference, parseSubString, resolveDynamicReferences } from '../../src/cloudformation/index.js';
import { BUCKET, outputValue, planMessages, REPO, withOutput } from './support.js';

const resources = { Bucket: BUCKET, Repo: REPO };
const value = (expression: string, extra = '', given: Record<string, string> = {}) => outputValue(withOutput(expression, extra), { resources, given, exports: { 'shared-Bucket': 'shared-bucket' } });
const failure = (expression: string, extra = '') => {
  try {
    value(expression, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(IntrinsicError);
    return (error as Error).message;
  }
  return expect.fail(`${expression} should fail`);
};
const PARAMS = `Parameters:
  Env: { Type: String, Default: prod }
  Zones: { Type: CommaDelimitedList, Default: 'a,b,c' }
  Count: { Type: Number, Default: 3 }
`;

describe('Ref', () => {
  it('returns a parameter value, a list for CommaDelimitedList, a resource physical name and pseudo parameters', () => {
    expect(value('!Ref Env', PARAMS)).toBe('prod');
    expect(value('!Ref Zones', PARAMS)).toEqual(['a', 'b', 'c']);
    expect(value('!Ref Count', PARAMS)).toBe('3');
    expect(value('!Ref Bucket')).toBe('my-bucket');
    expect(value('!Ref AWS::AccountId')).toBe('000000000000');
    expect(value('!Ref AWS::Region')).toBe('us-east-1');
    expect(value('!Ref AWS::Partition')).toBe('aws');
    expect(value('!Ref AWS::URLSuffix')).toBe('amazonaws.com');
    expect(value('!Ref AWS::StackName')).toBe('demo');
    expect(value('!Ref AWS::NotificationARNs')).toEqual([]);
  });

  it('AWS::NoValue removes the property or list item', () => {
    expect(value('{ A: 1, B: !Ref AWS::NoValue }')).toEqual({ A: 1 });
    expect(value('[1, !Ref AWS::NoValue, 3]')).toEqual([1, 3]);
  });
});

describe('Fn::GetAtt', () => {
  it('accepts the dotted short form, the list form and the JSON long form', () => {
    expect(value('!GetAtt Repo.RepositoryUri')).toBe('127.0.0.1:5000/app');
    expect(value('!GetAtt [Repo, Arn]')).toBe('arn:aws:ecr:us-east-1:000000000000:repository/app');
    expect(value('{ "Fn::GetAtt": ["Bucket", "DomainName"] }')).toBe('my-bucket.s3.amazonaws.com');
  });

  it('takes the attribute name from a Ref in the list form', () => {
    expect(value('!GetAtt [Bucket, !Ref Attr]', 'Parameters:\n  Attr: { Type: String, Default: Arn }\n')).toBe('arn:aws:s3:::my-bucket');
  });

  it('rejects an attribute the type does not have, before anything is created', () => {
    expect(planMessages(withOutput('!GetAtt Bucket.RepositoryUri'))).toEqual([expect.stringMatching(/resource Bucket does not support attribute type RepositoryUri in Fn::GetAtt/)]);
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameters, resources, attributes and pseudo parameters', () => {
    expect(value("!Sub '${Env}/${Bucket}/${Repo.RepositoryUri}/${AWS::Region}'", PARAMS)).toBe('prod/my-bucket/127.0.0.1:5000/app/us-east-1');
  });

  it('writes ${!Literal} as ${Literal}', () => {
    expect(value("!Sub 'echo ${!HOME} and $HOME and ${Env}'", PARAMS)).toBe('echo ${HOME} and $HOME and prod');
  });

  it('takes variables from the map of the two-argument form, which may hold functions', () => {
    expect(value("!Sub ['${Image}:${Tag}', { Image: !FindInMap [Images, !Ref 'AWS::Region', Name], Tag: v1 }]", 'Mappings:\n  Images:\n    us-east-1: { Name: node }\n')).toBe('node:v1');
  });

  it('reports a variable that names nothing, before anything is created', () => {
    expect(planMessages(withOutput("!Sub 'x-${Missing}'"))).toEqual([
      'Template format error: Unresolved resource dependencies [Missing] in the Outputs block of the template (Fn::Sub variable ${Missing})',
    ]);
  });

  it('parses escapes without touching other dollar signs', () => {
    expect(parseSubString('a ${!b} $c ${d}')).toEqual([{ literal: 'a ${b} $c ' }, { variable: 'd' }]);
  });
});

describe('Fn::Join, Fn::Select, Fn::Split', () => {
  it('joins a list, including one made by another function', () => {
    expect(value("!Join [',', [a, !Ref Env, !Ref Bucket]]", PARAMS)).toBe('a,prod,my-bucket');
    expect(value("!Join ['-', !Ref Zones]", PARAMS)).toBe('a-b-c');
  });

  it('selects by index, given as a number or a string', () => {
    expect(value("!Select ['1', !Ref Zones]", PARAMS)).toBe('b');
    expect(value('!Select [0, !Split [/, !GetAtt Repo.RepositoryUri]]')).toBe('127.0.0.1:5000');
  });

  it('fails for an index outside the list', () => {
    expect(failure('!Select [5, [a, b]]')).toMatch(/Fn::Select cannot select nonexistent value at index 5/);
  });
});

describe('Fn::If and condition functions', () => {
  const conditions = `${PARAMS}Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [!Ref Count, 3]]
  Either: !Or [!Condition IsDev, !Equals [a, b]]
`;
  it('chooses a branch by condition; conditions combine with And, Or, Not and Condition', () => {
    expect(value('!If [IsProd, yes, no]', conditions)).toBe('yes');
    expect(value('!If [Both, yes, no]', conditions)).toBe('yes');
    expect(value('!If [Either, yes, no]', conditions)).toBe('no');
    expect(value('!If [IsProd, yes, no]', conditions, { Env: 'dev' })).toBe('no');
  });
});

describe('Fn::FindInMap', () => {
  const mappings = 'Mappings:\n  Regions:\n    us-east-1: { Ami: ami-1 }\n';
  it('finds a value, with keys from Ref', () => {
    expect(value("!FindInMap [Regions, !Ref 'AWS::Region', Ami]", mappings)).toBe('ami-1');
  });
  it('fails with AWS\'s message when a key is missing', () => {
    expect(failure('!FindInMap [Regions, eu-west-1, Ami]', mappings)).toMatch(/Unable to get mapping for Regions::eu-west-1::Ami/);
  });
});

describe('Fn::ImportValue, Fn::Base64, Fn::GetAZs, Fn::Cidr', () => {
  it('imports another local stack\'s export, and fails clearly for an unknown one', () => {
    expect(value("!ImportValue shared-Bucket")).toBe('shared-bucket');
    expect(failure('!ImportValue nobody-exports-this')).toMatch(/No export named nobody-exports-this found/);
  });
  it('encodes Base64', () => {
    expect(value("!Base64 'hello'")).toBe('aGVsbG8=');
  });
  it('lists availability zones of the stack region for an empty string', () => {
    expect(value("!GetAZs ''")).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(value('!GetAZs eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });
  it('carves CIDR blocks: cidrBits are host bits', () => {
    expect(value("!Cidr ['10.0.0.0/16', 3, 8]")).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(cidrSubnets('192.168.0.0/24', 2, 6)).toEqual(['192.168.0.0/26', '192.168.0.64/26']);
    expect(cidrSubnets('2001:db8::/56', 2, 64)).toEqual(['2001:db8::/64', '2001:db8:0:1::/64']);
    expect(failure("!Cidr ['10.0.0.0/24', 2, 12]")).toMatch(/cidrBits 12 does not fit/);
  });
});

describe('unknown functions', () => {
  it('are an error naming the function', () => {
    expect(planMessages(withOutput('{ "Fn::Frobnicate": [a] }'))).toEqual(['Template format error: Encountered unsupported function: Fn::Frobnicate']);
  });
});

describe('names that are also Object.prototype members', () => {
  const TO_STRING = `Parameters:
  constructor: { Type: String, Default: built }
Resources:
  toString: { Type: AWS::S3::Bucket }
Outputs:
  Value: { Value: !Join ['|', [!Ref constructor, !Ref toString, !GetAtt toString.Arn, !Sub '\${toString}-\${constructor}']] }
`;
  const resourcesNamedToString = { toString: { ...BUCKET, ref: 'to-string-bucket' } };

  it('a parameter named constructor and a resource named toString are found like any other name', () => {
    expect(planMessages(TO_STRING)).toEqual([]);
    expect(outputValue(TO_STRING, { resources: resourcesNamedToString })).toBe('built|to-string-bucket|arn:aws:s3:::my-bucket|to-string-bucket-built');
  });

  it('Ref, GetAtt and Sub of an undeclared constructor or toString name nothing', () => {
    for (const expression of ['!Ref constructor', '!Ref toString', '!GetAtt toString.Arn', '!Sub "${hasOwnProperty}"']) {
      expect(planMessages(withOutput(expression)).join('\n')).toMatch(/Unresolved resource dependencies \[(constructor|toString|hasOwnProperty)\]/);
    }
  });
});

describe('secret references', () => {
  it('parse the id (an ARN keeps its colons), the value field, JSON key, version stage and version id', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf';
    expect(parseDynamicReference('secretsmanager', 'db::AWSPREVIOUS')).toEqual({ service: 'secretsmanager', secretId: 'db', jsonKey: 'AWSPREVIOUS' });
    expect(parseDynamicReference('secretsmanager', 'db:SecretString::AWSPREVIOUS')).toEqual({ service: 'secretsmanager', secretId: 'db', secretValueField: 'SecretString', versionStage: 'AWSPREVIOUS' });
    expect(parseDynamicReference('secretsmanager', `${arn}:SecretString:password::v1`)).toEqual({ service: 'secretsmanager', secretId: arn, secretValueField: 'SecretString', jsonKey: 'password', versionId: 'v1' });
    // CodeBuild's env `secrets-manager` form has no value field: `secret-id:json-key:version-stage:version-id`.
    expect(parseSecretReference('db::AWSPREVIOUS')).toEqual({ secretId: 'db', versionStage: 'AWSPREVIOUS' });
    expect(parseSecretReference(`${arn}:user`)).toEqual({ secretId: arn, jsonKey: 'user' });
  });

  it('pass the version asked for to the reader, and refuse a value field other than SecretString', () => {
    const asked: unknown[] = [];
    const reader = { ssmParameter: () => undefined, secretString: (query: unknown) => (asked.push(query), '{"k":"v"}') };
    expect(resolveDynamicReferences('{{resolve:secretsmanager:db:SecretString:k:AWSPREVIOUS}}', reader)).toBe('v');
    expect(asked).toEqual([{ secretId: 'db', versionStage: 'AWSPREVIOUS', versionId: undefined }]);
    expect(() => resolveDynamicReferences('{{resolve:secretsmanager:db:SecretBinary}}', reader)).toThrow(/must be SecretString, got 'SecretBinary'/);
  });
});
