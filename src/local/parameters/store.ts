// What a build reads its `parameter-store` / `secrets-manager` values from: the interface the
// local CodeBuild engine owns. The account's ParameterStore provides it, so does a file given
// with `slipway build --parameters`, and sources can be layered.

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

/** Reads each name from the first source that has it (e.g. a `--parameters` file over the account's store). */
export function layeredParameterSource(sources: readonly ParameterSource[]): ParameterSource {
  const first = async <T>(read: (source: ParameterSource) => Promise<T | undefined>): Promise<T | undefined> => {
    for (const source of sources) {
      const value = await read(source);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return {
    getParameter: (name) => first((source) => source.getParameter(name)),
    getSecretString: (query) => first((source) => source.getSecretString(query)),
  };
}
