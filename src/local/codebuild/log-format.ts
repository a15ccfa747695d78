// Renders build events as CodeBuild log lines: `[Container] 2024/01/02 03:04:05.678000 ...`
// for the agent's own lines, command output as printed.
import type { BuildEvent } from './events.js';

function stamp(time: number): string {
  const d = new Date(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
  return `[Container] ${date} ${clock}`;
}

/** The log lines for one event (none for events that only matter to machines). */
export function formatBuildEvent(event: BuildEvent): string[] {
  const at = stamp(event.time);
  switch (event.type) {
    case 'build.started':
      return [`${at} Build ${event.buildId} (build number ${event.buildNumber}) of project ${event.projectName}`];
    case 'build.message':
      return [`${at} ${event.level === 'warning' ? 'Warning: ' : ''}${event.text}`];
    case 'phase.started':
      return [`${at} Entering phase ${event.phaseType}`];
    case 'command.started':
      return [`${at} Running command ${event.command}`];
    case 'command.output':
      return [event.text];
    case 'command.failed':
      return [`${at} Command did not exit successfully ${event.command} exit status ${event.exitCode}`];
    case 'phase.finished': {
      const context = event.contexts[0] ?? { statusCode: '', message: '' };
      return [
        `${at} Phase complete: ${event.phaseType} State: ${event.phaseStatus}`,
        `${at} Phase context status code: ${context.statusCode} Message: ${context.message}`,
      ];
    }
    case 'build.finished':
      return [`${at} Build ${event.buildStatus}`];
  }
}
