// The account's record of builds and their logs, as CodeBuild keeps builds (BatchGetBuilds,
// ListBuildsForProject) and CloudWatch Logs keeps their log events (GetLogEvents). A build is
// written when it starts, with the process that runs it, so that another process can list it,
// follow its log while it runs, and recognise it as interrupted when that process has died.
import { ownerIsAlive, type ProcessOwner } from '../state/process-owner.js';
import type { Migration, StateDatabase } from '../state/index.js';
import type { Build, BuildPhaseType, BuildStatus } from './build-result.js';

/** The build tables. `codebuild-0001` is the build-number table every home already has. */
export const BUILD_RECORD_MIGRATIONS: Migration[] = [
  {
    id: 'codebuild-0001-build-numbers',
    sql: 'CREATE TABLE IF NOT EXISTS codebuild_build_numbers (project_name TEXT PRIMARY KEY, last_build_number INTEGER NOT NULL)',
  },
  {
    id: 'codebuild-0003-builds',
    sql: `
      CREATE TABLE codebuild_builds (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, project_name TEXT NOT NULL, build_number INTEGER NOT NULL,
        build_status TEXT NOT NULL, current_phase TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT, owner TEXT, build TEXT NOT NULL);
      CREATE INDEX codebuild_builds_by_project ON codebuild_builds (project_name, seq);
      CREATE TABLE codebuild_log_events (
        build_id TEXT NOT NULL, seq INTEGER NOT NULL, timestamp INTEGER NOT NULL, message TEXT NOT NULL, PRIMARY KEY (build_id, seq));`,
  },
];

/** One line of a build's log, as GetLogEvents returns it (plus its position, for following). */
export interface LogEvent {
  seq: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

/** A build while it runs: what is known before it ends (a partial CodeBuild Build). */
export type RecordedBuild = Pick<Build, 'id' | 'arn' | 'buildNumber' | 'projectName' | 'startTime' | 'initiator'> & Partial<Build> & { buildStatus: BuildStatus; currentPhase: BuildPhaseType };

/** A build that a dead process left in progress, now marked FAULT. */
export interface InterruptedBuild {
  id: string;
  owner: string;
}

/** The builds and log events of one account. */
export class BuildRecords {
  constructor(private readonly db: StateDatabase) {}

  /** Takes the next build number of a project atomically (CODEBUILD_BUILD_NUMBER counts from 1). */
  nextBuildNumber(projectName: string): number {
    const row = this.db
      .prepare(`INSERT INTO codebuild_build_numbers (project_name, last_build_number) VALUES (?, 1)
        ON CONFLICT (project_name) DO UPDATE SET last_build_number = last_build_number + 1 RETURNING last_build_number`)
      .get(projectName) as { last_build_number: number };
    return row.last_build_number;
  }

  /** Records a build that has just started, owned by `owner`. */
  start(build: RecordedBuild, owner: ProcessOwner): void {
    this.db.prepare('INSERT INTO codebuild_builds (id, project_name, build_number, build_status, current_phase, start_time, owner, build) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(build.id, build.projectName, build.buildNumber, build.buildStatus, build.currentPhase, build.startTime, owner, JSON.stringify(build));
  }

  /** Moves a running build to its next phase. */
  enterPhase(id: string, phase: BuildPhaseType): void {
    this.db.prepare("UPDATE codebuild_builds SET current_phase = ? WHERE id = ? AND build_status = 'IN_PROGRESS'").run(phase, id);
  }

  /** Appends log lines in one transaction; `seq` continues from the build's last line. */
  appendLog(id: string, lines: readonly { timestamp: number; message: string }[]): void {
    if (lines.length === 0) return;
    const last = (this.db.prepare('SELECT MAX(seq) AS seq FROM codebuild_log_events WHERE build_id = ?').get(id) as { seq: number | null }).seq ?? 0;
    const insert = this.db.prepare('INSERT INTO codebuild_log_events VALUES (?, ?, ?, ?)');
    this.db.transaction(() => lines.forEach((line, index) => insert.run(id, last + index + 1, line.timestamp, line.message)))();
  }

  /** Records how a build ended. */
  finish(build: Build): void {
    this.db.prepare('UPDATE codebuild_builds SET build_status = ?, current_phase = ?, end_time = ?, owner = NULL, build = ? WHERE id = ?')
      .run(build.buildStatus, build.currentPhase, build.endTime, JSON.stringify(build), build.id);
  }

  /** Builds, newest first; of one project when `projectName` is given. */
  list(options: { projectName?: string; limit?: number } = {}): RecordedBuild[] {
    const where = options.projectName === undefined ? '' : 'WHERE project_name = @projectName';
    const rows = this.db.prepare(`SELECT * FROM codebuild_builds ${where} ORDER BY seq DESC LIMIT @limit`).all({ projectName: options.projectName, limit: options.limit ?? -1 });
    return (rows as BuildRow[]).map(buildOf);
  }

  /** One build by id, or undefined. */
  get(id: string): RecordedBuild | undefined {
    const row = this.db.prepare('SELECT * FROM codebuild_builds WHERE id = ?').get(id) as BuildRow | undefined;
    return row ? buildOf(row) : undefined;
  }

  /** A build's log lines after position `afterSeq`, oldest first; at most `limit` of them when given (a page of a long log). */
  logEvents(id: string, afterSeq = 0, limit = -1): LogEvent[] {
    return this.db.prepare('SELECT seq, timestamp, message FROM codebuild_log_events WHERE build_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(id, afterSeq, limit) as LogEvent[];
  }

  /** The position of a build's last log line (its number of lines, as positions count from 1); 0 when it has none. */
  lastLogSeq(id: string): number {
    return (this.db.prepare('SELECT MAX(seq) AS seq FROM codebuild_log_events WHERE build_id = ?').get(id) as { seq: number | null }).seq ?? 0;
  }

  /** Forgets a project's builds beyond the newest `keep` (records and log lines); returns the builds removed. */
  prune(projectName: string, keep: number): RecordedBuild[] {
    const old = (this.db.prepare("SELECT * FROM codebuild_builds WHERE project_name = ? AND build_status != 'IN_PROGRESS' ORDER BY seq DESC LIMIT -1 OFFSET ?").all(projectName, keep) as BuildRow[]).map(buildOf);
    this.db.transaction(() => {
      for (const build of old) {
        this.db.prepare('DELETE FROM codebuild_log_events WHERE build_id = ?').run(build.id);
        this.db.prepare('DELETE FROM codebuild_builds WHERE id = ?').run(build.id);
      }
    })();
    return old;
  }

  /** Ends a build that could not run to its end (a surprise in slipway itself) as FAULT, with why. */
  fault(id: string, reason: string, now = Date.now()): void {
    const row = this.db.prepare('SELECT * FROM codebuild_builds WHERE id = ?').get(id) as BuildRow | undefined;
    if (!row || row.build_status !== 'IN_PROGRESS') return;
    const build = { ...buildOf(row), buildStatus: 'FAULT' as const, endTime: new Date(now).toISOString(), buildComplete: true };
    this.db.prepare("UPDATE codebuild_builds SET build_status = 'FAULT', end_time = ?, owner = NULL, build = ? WHERE id = ?").run(build.endTime, JSON.stringify(build), id);
    this.appendLog(id, [{ timestamp: now, message: `[slipway] ${reason}; the build is marked FAULT` }]);
  }

  /**
   * Marks FAULT every build left IN_PROGRESS by a process that no longer runs (slipway was killed
   * mid-build), with a last log line saying why; returns them so their containers can be removed.
   */
  markInterrupted(now = Date.now()): InterruptedBuild[] {
    const running = this.db.prepare("SELECT * FROM codebuild_builds WHERE build_status = 'IN_PROGRESS'").all() as BuildRow[];
    const marked: InterruptedBuild[] = [];
    for (const row of running.filter((one) => one.owner !== null && !ownerIsAlive(one.owner))) {
      // Compare-and-set on the owner: of two processes noticing the same dead build, one records it.
      const taken = this.db.prepare('UPDATE codebuild_builds SET owner = NULL WHERE id = ? AND owner = ?').run(row.id, row.owner).changes;
      if (taken === 0) continue;
      this.fault(row.id, `The slipway process that ran this build (pid ${row.owner!.split('@')[0]}) ended before the build finished`, now);
      marked.push({ id: row.id, owner: row.owner! });
    }
    return marked;
  }
}

interface BuildRow {
  id: string;
  build_status: string;
  current_phase: string;
  end_time: string | null;
  owner: string | null;
  build: string;
}

function buildOf(row: BuildRow): RecordedBuild {
  const build = JSON.parse(row.build) as RecordedBuild;
  return {
    ...build, buildStatus: row.build_status as BuildStatus, currentPhase: row.current_phase as BuildPhaseType,
    ...(row.end_time ? { endTime: row.end_time } : {})
  };
}
