// The Docker engine: container builds, `docker build` inside any build and the registry's
// clients need one that answers (at DOCKER_HOST, else /var/run/docker.sock). Its builder: the
// buildx plugin (BuildKit), else the legacy builder, which Docker deprecated and which the
// docker CLI refuses when DOCKER_BUILDKIT=1 asks for BuildKit ("BuildKit is enabled but the
// buildx component is missing or broken").
import type { Finding } from '../finding.js';
import { runProgram } from './program.js';

/** The engine's version, or the finding that says why there is none. */
export async function dockerEngineFinding(env: NodeJS.ProcessEnv): Promise<{ finding: Finding; answers: boolean }> {
  const run = await runProgram('docker', ['version', '--format', '{{.Server.Version}}'], env);
  if (run.code === 0 && run.stdout) return { answers: true, finding: { check: 'machine.docker-engine', severity: 'info', message: `Docker engine ${run.stdout} answers` } };
  const where = env.DOCKER_HOST ? `at DOCKER_HOST (${env.DOCKER_HOST})` : 'at /var/run/docker.sock';
  const finding: Finding = run.missing
    ? {
      check: 'machine.docker-engine',
      severity: 'error',
      message: 'there is no docker CLI on PATH: builds, the registry\'s clients and the local pipeline need Docker',
      fix: 'install Docker (apt-get install -y docker.io) and start the engine',
    }
    : {
      check: 'machine.docker-engine',
      severity: 'error',
      message: `no Docker engine answers ${where}: ${firstLine(run.stderr) || `exit status ${run.code}`}`,
      fix: 'start the Docker engine (dockerd), or point DOCKER_HOST at one',
    };
  return { answers: false, finding };
}

/** Which builder `docker build` will use. */
export async function dockerBuilderFinding(env: NodeJS.ProcessEnv): Promise<Finding> {
  const buildx = await runProgram('docker', ['buildx', 'version'], env);
  if (buildx.code === 0) return { check: 'machine.docker-builder', severity: 'info', message: `docker build uses BuildKit (${firstLine(buildx.stdout)})` };
  if (env.DOCKER_BUILDKIT === '1') {
    return {
      check: 'machine.docker-builder',
      severity: 'error',
      message: 'DOCKER_BUILDKIT=1 asks for BuildKit, but the buildx plugin is not installed: docker build fails',
      fix: 'install the docker-buildx plugin, or unset DOCKER_BUILDKIT',
    };
  }
  return {
    check: 'machine.docker-builder',
    severity: 'warning',
    message: 'the buildx plugin is not installed: docker build falls back to the legacy builder, which Docker has deprecated',
    fix: 'install the docker-buildx plugin (apt-get install -y docker-buildx)',
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
