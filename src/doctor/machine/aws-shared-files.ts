// The AWS shared config and credentials files, read the way the AWS SDKs read them (AWS SDKs and
// Tools reference guide, "Shared config and credentials files"): INI sections, `[name]` in the
// credentials file, `[profile name]` (or `[default]`) in the config file; AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE move them. Only key names are looked at by the callers here.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The profile slipway's AWS clients use: AWS_PROFILE, else `default`. */
export function profileName(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || 'default';
}

/** Where the two files are for this environment. */
export function sharedFilePaths(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** The keys and values of a profile's section in one file; empty when the file or section is missing. */
export function profileSection(path: string, profile: string, kind: 'config' | 'credentials'): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const wanted = kind === 'credentials' || profile === 'default' ? [profile] : [`profile ${profile}`];
  if (kind === 'config' && profile === 'default') wanted.push('profile default');
  const section: Record<string, string> = {};
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) inside = wanted.includes(header[1]!);
    else if (inside) {
      const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (pair) section[pair[1]!.toLowerCase()] = pair[2]!;
    }
  }
  return section;
}
