// The local store of SSM parameters and Secrets Manager secrets that builds resolve
// `parameter-store` / `secrets-manager` from. The file-backed store is the first provider; the
// local CloudFormation engine and the local AWS endpoint can provide the same interface from
// their SQLite state.

/** Which version of a secret to read (Secrets Manager's GetSecretValue arguments). */
export interface SecretQuery {
  secretId: string;
  versionStage?: string;
  versionId?: string;
}

/** Reads parameters and secrets; undefined means "no such entry". */
export interface ParameterSource {
  /** The value of an SSM parameter (SecureString values come back decrypted). */
  getParameter(name: string): Promise<string | undefined>;
  /** A secret's SecretString for the asked version (default: the AWSCURRENT stage). */
  getSecretString(query: SecretQuery): Promise<string | undefined>;
}

/** A source with nothing in it, for builds that need no parameters. */
export const emptyParameterSource: ParameterSource = {
  getParameter: () => Promise.resolve(undefined),
  getSecretString: () => Promise.resolve(undefined),
};
