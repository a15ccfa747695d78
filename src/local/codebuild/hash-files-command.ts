// `codebuild-hash-files`, the command CodeBuild provides for cache keys such as
// `npm-$(codebuild-hash-files package-lock.json)` (AWS docs, "Amazon S3 caching": "a CLI tool that
// calculates a SHA-256 hash for a set of files in the CodeBuild source directory using glob
// patterns"). AWS does not document how its digest is made, so this one is slipway's own: a POSIX
// sh script (it runs on the host and in any image with sh, find, sed, grep, sort, cut and
// sha256sum, or busybox, or shasum), put on every build shell's PATH.
import { join } from 'node:path';
import { installScript } from './installed-script.js';

/** The command's name, as buildspecs call it. */
const HASH_FILES_COMMAND = 'codebuild-hash-files';

/** The script's text. */
const HASH_FILES_SCRIPT = [
  "#!/bin/sh",
  "# codebuild-hash-files <glob-pattern>...",
  "# Prints the SHA-256 of the source folder's files that match the patterns (slipway's stand-in for",
  "# CodeBuild's command of that name; the digest is slipway's own, see docs/local-codebuild.md).",
  "if [ \"$#\" -eq 0 ]; then",
  "  echo 'usage: codebuild-hash-files <glob-pattern> [<glob-pattern>...]' >&2",
  "  exit 2",
  "fi",
  "cd \"${CODEBUILD_SRC_DIR:-.}\" || exit 1",
  "sha256() {",
  "  if command -v sha256sum >/dev/null 2>&1; then sha256sum",
  "  elif command -v busybox >/dev/null 2>&1; then busybox sha256sum",
  "  else shasum -a 256",
  "  fi",
  "}",
  "# A glob as an extended regular expression over paths relative to the source folder: `**/` is",
  "# any folders (or none), `**` anything, `*` and `?` stay within one folder, `[!x]` is `[^x]`.",
  "regex() {",
  "  printf '%s\\n' \"$1\" | sed -e 's|^\\./||' -e 's/[.^$+(){}|\\\\]/\\\\&/g' -e 's/\\[!/[^/g' \\",
  "    -e 's|\\*\\*/|{D}|g' -e 's|\\*\\*|{S}|g' -e 's|\\*|[^/]*|g' -e 's|?|[^/]|g' \\",
  "    -e 's|{D}|(.*/)?|g' -e 's|{S}|.*|g'",
  "}",
  "pattern=''",
  "for glob in \"$@\"; do pattern=\"$pattern${pattern:+|}$(regex \"$glob\")\"; done",
  "files=$(find . -type f ! -path './.git/*' | sed 's|^\\./||' | grep -E \"^($pattern)\\$\" | LC_ALL=C sort)",
  "[ -n \"$files\" ] || echo \"codebuild-hash-files: no file matches $*\" >&2",
  "# One line per file, `<sha256 of its content>  <path>`, in byte order of the paths; the digest of those lines.",
  "printf '%s\\n' \"$files\" | while IFS= read -r file; do",
  "  [ -n \"$file\" ] || continue",
  "  printf '%s  %s\\n' \"$(sha256 < \"$file\" | cut -d' ' -f1)\" \"$file\"",
  "done | sha256 | cut -d' ' -f1",
].join('\n') + '\n';

/**
 * Writes the build commands into `<stateDir>/codebuild/bin` (once; rewritten only when this
 * version of slipway carries another text) and returns that folder, to put first on PATH. A
 * container build mounts it read-only at the same path.
 */
export function installBuildCommands(stateDir: string): Promise<string> {
  return installScript(join(stateDir, 'codebuild', 'bin'), HASH_FILES_COMMAND, HASH_FILES_SCRIPT);
}
