// The result of one build, shaped like CodeBuild's `Build` object (BatchGetBuilds).

/** CodeBuild's phase types, in order. */
export const BUILD_PHASE_TYPES = [
  'SUBMITTED',
  'QUEUED',
  'PROVISIONING',
  'DOWNLOAD_SOURCE',
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
  'FINALIZING',
  'COMPLETED',
] as const;
export type BuildPhaseType = (typeof BUILD_PHASE_TYPES)[number];
export type PhaseStatus = 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED';
export type BuildStatus = PhaseStatus;

export interface PhaseContext {
  statusCode: string;
  message: string;
}

export interface BuildPhase {
  phaseType: BuildPhaseType;
  phaseStatus?: PhaseStatus;
  startTime: string;
  endTime?: string;
  durationInSeconds?: number;
  contexts?: PhaseContext[];
}

export interface BuildArtifact {
  /** Local path of the zip file (CodeBuild: the S3 location). */
  location: string;
  artifactIdentifier?: string;
  sha256sum: string;
  md5sum: string;
}

/** One report group's summary (CodeBuild keeps these as Report objects). */
export interface ReportSummary {
  reportGroupName: string;
  fileFormat: string;
  files: string[];
  total: number;
  statusCounts: Record<'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'ERROR', number>;
  status: 'SUCCEEDED' | 'FAILED';
}

export interface Build {
  id: string;
  arn: string;
  buildNumber: number;
  startTime: string;
  endTime: string;
  currentPhase: BuildPhaseType;
  buildStatus: BuildStatus;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  projectName: string;
  phases: BuildPhase[];
  environment: { image: string; privilegedMode: boolean; type: 'LINUX_CONTAINER'; runner: string };
  artifacts?: BuildArtifact;
  secondaryArtifacts: BuildArtifact[];
  exportedEnvironmentVariables: { name: string; value: string }[];
  reports: ReportSummary[];
  initiator: string;
  buildComplete: true;
  timeoutInMinutes: number;
  logs: { localPath?: string };
}
