// The account's CodeStar / CodeConnections connections (CreateConnection, GetConnection,
// DeleteConnection, ListConnections). Locally a connection is AVAILABLE at once: there is no
// provider handshake to complete.
import { SlipwayError } from '../../errors.js';
import { RecordTable, type StateDatabase } from '../state/index.js';
import type { ConnectionDeclaration } from './model.js';

/** Connections of one account, by ARN (both the codestar-connections and codeconnections forms). */
export class Connections {
  private readonly table: RecordTable<ConnectionDeclaration>;

  constructor(db: StateDatabase) {
    this.table = new RecordTable(db, 'codestar_connections');
  }

  /** CreateConnection; a name already used by another connection fails with ResourceAlreadyExistsException. */
  create(connection: ConnectionDeclaration): void {
    if (this.list().some((other) => other.connectionName === connection.connectionName && other.connectionArn !== connection.connectionArn)) {
      throw new SlipwayError('ResourceAlreadyExistsException', `Connection with name ${connection.connectionName} already exists`, { kind: 'failed' });
    }
    this.table.put(connection.connectionArn, connection);
  }

  /** GetConnection. */
  get(connectionArn: string): ConnectionDeclaration | undefined {
    return this.table.get(connectionArn);
  }

  delete(connectionArn: string): void {
    this.table.delete(connectionArn);
  }

  list(): ConnectionDeclaration[] {
    return this.table.list();
  }
}
