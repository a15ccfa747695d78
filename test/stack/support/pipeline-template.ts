// A minimal valid pipeline named `p` (source action `Source`), for resources that target one.

/** A stack template with an artifact bucket and a two-stage pipeline named `p`. */
export const PIPELINE_P = `Resources:
  Artifacts: { Type: AWS::S3::Bucket }
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: p
      RoleArn: arn:aws:iam::000000000000:role/p
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: ThirdParty, Provider: GitHub, Version: '1' }
              Configuration: { Owner: o, Repo: r, Branch: main, OAuthToken: t, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]
        - Name: Approve
          Actions:
            - Name: Approve
              ActionTypeId: { Category: Approval, Owner: AWS, Provider: Manual, Version: '1' }
`;
