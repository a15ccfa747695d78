// How up hands an answer back to slipway's stand-in for the AWS CLI: as a few lines of POSIX sh
// that the stand-in runs (`printf` of stdout and stderr, then `exit`). The stand-in runs in images
// with nothing but busybox, where sh is the one tool sure to be there to split an answer into its
// two streams and a status; every value is single-quoted, so nothing in it is ever run.

/** A value as one single-quoted sh word (NUL cannot be in a sh string and is left out). */
export function shellWord(text: string): string {
  return `'${text.replace(/\0/g, '').replace(/'/g, "'\\''")}'`;
}

/** The sh lines that print an answer and exit with its status. */
export function shellAnswer(answer: { stdout: string; stderr: string; exitCode: number }): string {
  const lines: string[] = [];
  if (answer.stdout) lines.push(`printf '%s' ${shellWord(answer.stdout)}`);
  if (answer.stderr) lines.push(`printf '%s' ${shellWord(answer.stderr)} >&2`);
  lines.push(`exit ${answer.exitCode}`);
  return `${lines.join('\n')}\n`;
}
