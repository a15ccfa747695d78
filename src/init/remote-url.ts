// Reads owner and repository out of the Git remote URLs people actually have.

/** What a remote URL says about where the repository is hosted. */
export interface RemoteFacts {
  provider: 'github' | 'codecommit' | 'other';
  owner?: string;
  repository: string;
  region?: string;
}

// CodeCommit HTTPS, SSH and GRC URLs (CodeCommit user guide, "Connect to a repository").
const CODECOMMIT = [
  /^(?:https|ssh):\/\/(?:[^@/]+@)?git-codecommit\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/v1\/repos\/([^/]+?)(?:\.git)?\/?$/,
  /^codecommit(?:::([a-z0-9-]+))?:\/\/(?:[^@]+@)?([^/]+?)\/?$/,
];
const SCP_LIKE = /^(?:[^@/]+@)?([^:/]+):(?:\/?)(.+?)(?:\.git)?\/?$/;

/** Parses a Git remote URL (HTTPS, SSH, scp-like or CodeCommit); undefined when it names no repository. */
export function parseRemoteUrl(url: string): RemoteFacts | undefined {
  const trimmed = url.trim();
  for (const pattern of CODECOMMIT) {
    const match = pattern.exec(trimmed);
    if (match) return { provider: 'codecommit', repository: match[2]!, region: match[1] };
  }
  const path = hostAndPath(trimmed);
  if (!path) return undefined;
  const parts = path.path.split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  const repository = parts[parts.length - 1]!.replace(/\.git$/, '');
  const owner = parts.slice(0, -1).join('/');
  return { provider: path.host === 'github.com' ? 'github' : 'other', owner, repository };
}

function hostAndPath(url: string): { host: string; path: string } | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return undefined;
    return { host: parsed.hostname, path: decodeURIComponent(parsed.pathname) };
  } catch {
    const match = SCP_LIKE.exec(url);
    return match ? { host: match[1]!, path: match[2]! } : undefined;
  }
}
