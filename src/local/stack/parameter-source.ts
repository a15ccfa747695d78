// The local CodeBuild engine's ParameterSource (src/local/parameters), answered from the SSM
// parameters and Secrets Manager secrets that stacks created in the state database.
import type { ParameterSource, SecretQuery } from '../parameters/index.js';
import type { ParameterStoreTable } from './providers/parameter-store-table.js';

/** Builds read `parameter-store` and `secrets-manager` values from the stacks' state. */
export class StackParameterSource implements ParameterSource {
  constructor(private readonly table: ParameterStoreTable) {}

  /** The latest value of an SSM parameter. */
  async getParameter(name: string): Promise<string | undefined> {
    return Promise.resolve(this.table.get(name)?.value);
  }

  /** A secret's value at the version asked for (AWSCURRENT by default), as GetSecretValue answers. */
  async getSecretString(query: SecretQuery): Promise<string | undefined> {
    return Promise.resolve(this.table.getSecretVersion(query)?.secretString);
  }
}
