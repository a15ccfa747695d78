// Where each phase of a build starts in its log, so the log view can list the phases with their
// status and duration and jump to one. A finished build's record lists its phases (BatchGetBuilds
// `phases`); the line each starts on is found by its start time, by binary search over the log's
// positions (a log line's timestamp is when it was written, so timestamps never go back), which
// reads a handful of lines even from a 100 MB log. A running build's record has only its current
// phase: its phases are read from the agent's own lines (`Entering phase`, `Phase complete`),
// scanning each new part of the log once.
import type { BuildRecords, RecordedBuild } from '../codebuild/index.js';

/** A phase as the log view lists it. */
export interface PhaseLine {
  phaseType: string;
  status?: string;
  /** Milliseconds since the epoch. */
  startTime: number;
  endTime?: number;
  /** The position of its `Entering phase` line, when found. */
  line?: number;
}

const AGENT_LINE = /^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d+ (?:Entering phase (\w+)|Phase complete: (\w+) State: (\w+))$/;
/** How many lines one look at a running build scans at most (the rest on the next look). */
const SCAN_BUDGET = 50_000;
/** How far past the first line at a phase's start time its `Entering phase` line is looked for (lines written in the same millisecond before it). */
const NEAR = 500;
/** How many running builds' scans are remembered (the oldest is forgotten, and scanned again if looked at). */
const REMEMBERED = 64;

/** The phases of builds, remembered per running build between looks. */
export class PhaseLines {
  private readonly scans = new Map<string, { cursor: number; phases: PhaseLine[] }>();

  constructor(private readonly records: BuildRecords) {}

  /** The phases of `build` so far, each with its line when known. */
  of(build: RecordedBuild): PhaseLine[] {
    if (build.buildStatus !== 'IN_PROGRESS' && build.phases) {
      this.scans.delete(build.id);
      return build.phases.filter((phase) => phase.phaseType !== 'COMPLETED').map((phase) => ({
        phaseType: phase.phaseType, status: phase.phaseStatus, startTime: Date.parse(phase.startTime),
        ...(phase.endTime ? { endTime: Date.parse(phase.endTime) } : {}), ...this.lineAt(build.id, phase.phaseType, Date.parse(phase.startTime)),
      }));
    }
    return this.scan(build.id);
  }

  /** The `Entering phase` line of a phase that started at `time`. */
  private lineAt(id: string, phaseType: string, time: number): { line?: number } {
    let low = 1;
    let high = this.records.lastLogSeq(id) + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const [event] = this.records.logEvents(id, middle - 1, 1);
      if (event && event.timestamp < time) low = middle + 1;
      else high = middle;
    }
    const near = this.records.logEvents(id, low - 1, NEAR);
    const found = near.find((event) => AGENT_LINE.exec(event.message)?.[1] === phaseType) ?? near[0];
    return found ? { line: found.seq } : {};
  }

  /** Reads the part of a running build's log not read yet, and returns its phases so far. */
  private scan(id: string): PhaseLine[] {
    const state = this.scans.get(id) ?? { cursor: 0, phases: [] };
    this.scans.delete(id);
    this.scans.set(id, state);
    if (this.scans.size > REMEMBERED) this.scans.delete(this.scans.keys().next().value!);
    for (const event of this.records.logEvents(id, state.cursor, SCAN_BUDGET)) {
      state.cursor = event.seq;
      const match = AGENT_LINE.exec(event.message);
      if (match?.[1]) state.phases.push({ phaseType: match[1], startTime: event.timestamp, line: event.seq });
      const open = state.phases.at(-1);
      if (match?.[2] && open?.phaseType === match[2] && open.status === undefined) Object.assign(open, { status: match[3], endTime: event.timestamp });
    }
    return state.phases.map((phase) => ({ ...phase }));
  }
}
