// Which quotes are open at a point of a shell command (POSIX sh: single quotes take everything
// literally up to the next `'`; double quotes still expand `$`; a backslash escapes outside single
// quotes). Enough to decide how to put a variable where a placeholder was.

/** The quoting at a character of a command. */
export type Quoting = 'none' | 'single' | 'double';

/** The quoting in force at `index` of `command`, and where the open quote started. */
export function quotingAt(command: string, index: number): { quoting: Quoting; openedAt: number } {
  let quoting: Quoting = 'none';
  let openedAt = -1;
  for (let at = 0; at < index && at < command.length; at += 1) {
    const char = command[at];
    if (quoting === 'single') {
      if (char === "'") quoting = 'none';
      continue;
    }
    if (char === '\\') {
      at += 1;
      continue;
    }
    if (char === '"') {
      quoting = quoting === 'double' ? 'none' : 'double';
      openedAt = at;
    } else if (char === "'" && quoting === 'none') {
      quoting = 'single';
      openedAt = at;
    }
  }
  return { quoting, openedAt };
}

/** The index just after the quote that closes the string opened at `openedAt`, or -1. */
export function closingQuote(command: string, openedAt: number): number {
  const quote = command[openedAt];
  for (let at = openedAt + 1; at < command.length; at += 1) {
    if (quote === '"' && command[at] === '\\') at += 1;
    else if (command[at] === quote) return at + 1;
  }
  return -1;
}
