// Where a build's phases start in its log (src/local/dashboard/phase-lines.ts), on a real home's
// records: a running build's phases read from the agent's lines as the log grows, each part read
// once; a finished build's phases from its record, each placed on its `Entering phase` line by
// its start time, reading a few lines of even a long log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalAccount } from '../../src/local/account/index.js';
import type { Build, BuildRecords } from '../../src/local/codebuild/index.js';
import { PhaseLines } from '../../src/local/dashboard/phase-lines.js';

let home: string;
let account: LocalAccount;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'slipway-phases-'));
  account = new LocalAccount({ home });
});
afterEach(() => {
  account.close();
  rmSync(home, { recursive: true, force: true });
});

const ID = 'p:00000000-0000-4000-8000-000000000001';
const T0 = Date.UTC(2026, 0, 1);
const agent = (time: number, text: string) => ({ timestamp: time, message: `[Container] 2026/01/01 00:00:00.000000 ${text}` });
const output = (time: number, text: string) => ({ timestamp: time, message: text });

function startBuild(records: BuildRecords): void {
  records.start({ id: ID, arn: `arn:aws:codebuild:us-east-1:000000000000:build/${ID}`, buildNumber: 1, projectName: 'p', startTime: new Date(T0).toISOString(), initiator: 'test', buildStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED' }, account.owner);
}

describe('a running build', () => {
  it('has the phases its log shows so far, each with its line, status and end once complete, reading each new part of the log once', () => {
    const records = account.codebuild.builds;
    startBuild(records);
    const readFrom: number[] = [];
    const counted = new Proxy(records, { get: (target, name) => (name === 'logEvents' ? (id: string, after = 0, limit?: number) => (readFrom.push(after), target.logEvents(id, after, limit)) : Reflect.get(target, name, target)) });
    const phases = new PhaseLines(counted);
    records.appendLog(ID, [agent(T0, 'Entering phase INSTALL'), output(T0 + 1, 'installing'), agent(T0 + 5, 'Phase complete: INSTALL State: SUCCEEDED'), agent(T0 + 6, 'Entering phase BUILD')]);
    expect(phases.of(records.get(ID)!)).toEqual([
      { phaseType: 'INSTALL', startTime: T0, line: 1, status: 'SUCCEEDED', endTime: T0 + 5 },
      { phaseType: 'BUILD', startTime: T0 + 6, line: 4 },
    ]);
    records.appendLog(ID, [output(T0 + 7, '[Container] 2026/01/01 00:00:00.000000 Entering phase FAKE printed by a command, not alone on its line'), agent(T0 + 9, 'Phase complete: BUILD State: FAILED')]);
    expect(phases.of(records.get(ID)!).at(-1)).toEqual({ phaseType: 'BUILD', startTime: T0 + 6, line: 4, status: 'FAILED', endTime: T0 + 9 });
    expect(readFrom).toEqual([0, 4]);
  });
});

describe('a finished build', () => {
  it('places each phase of its record on its own line, also after lines written in the same millisecond, with a handful of reads', () => {
    const records = account.codebuild.builds;
    startBuild(records);
    const lines = Array.from({ length: 20_000 }, (_, index) => output(T0 + index, `line ${index + 1}`));
    // The BUILD phase starts at line 12,001, after three lines written in the same millisecond.
    lines.splice(12_000, 0, agent(T0 + 11_997, 'Entering phase BUILD'));
    for (let index = 11_997; index < 12_000; index += 1) lines[index]!.timestamp = T0 + 11_997;
    records.appendLog(ID, lines);
    const phase = (phaseType: string, start: number, end: number) => ({ phaseType, phaseStatus: 'SUCCEEDED', startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), durationInSeconds: 0 });
    records.finish({ id: ID, buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', endTime: new Date(T0 + 20_001).toISOString(), phases: [phase('INSTALL', T0, T0 + 11_996), phase('BUILD', T0 + 11_997, T0 + 20_000)] } as unknown as Build);
    let reads = 0;
    const counted = new Proxy(records, { get: (target, name) => (name === 'logEvents' ? (...args: Parameters<BuildRecords['logEvents']>) => (reads += 1, target.logEvents(...args)) : Reflect.get(target, name, target)) });
    const found = new PhaseLines(counted).of(records.get(ID)!);
    expect(found.map(({ phaseType, line, status }) => ({ phaseType, line, status }))).toEqual([
      { phaseType: 'INSTALL', line: 1, status: 'SUCCEEDED' },
      { phaseType: 'BUILD', line: 12_001, status: 'SUCCEEDED' },
    ]);
    expect(reads).toBeLessThan(2 * (Math.ceil(Math.log2(20_001)) + 2));
  });
});
