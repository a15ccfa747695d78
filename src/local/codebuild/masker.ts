// Masks secret values in log lines and events by exact match, as CodeBuild does for
// parameter-store and secrets-manager values and AWS access keys. A multi-line value (a PEM key)
// reaches the log one line at a time, so each of its lines is masked too (issue 16).

const MASK = '***';
/** Values this short would mask ordinary text everywhere; CodeBuild's masking has the same blind spot. */
const MIN_SECRET_LENGTH = 3;

/** Replaces every known secret value in a string with `***`. */
export class Masker {
  private readonly secrets = new Set<string>();
  /** Longest first, so one that contains another is hidden whole. */
  private ordered: string[] = [];

  /** Adds a value to hide, and each line of a multi-line one; empty and very short values are ignored. */
  add(value: string | undefined): void {
    if (!value) return;
    for (const one of [value, ...value.split(/\r?\n/)]) if (one.length >= MIN_SECRET_LENGTH) this.secrets.add(one);
    this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  /** Masks one string. */
  mask(text: string): string {
    let out = text;
    for (const secret of this.ordered) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }

  /**
   * Where to cut a long text at or after `at` so that no secret straddles the cut (a line cut
   * in two would show both halves in clear): past the end of any secret that crosses it. When
   * more of the line is still to come (`final` false), -1 asks to wait while a secret that is
   * not complete yet could still cross the cut.
   */
  safeCut(text: string, at: number, final = true): number {
    let cut = at;
    for (let moved = true; moved; ) {
      moved = false;
      for (const secret of this.ordered) {
        const found = text.indexOf(secret, Math.max(0, cut - secret.length + 1));
        if (found >= 0 && found < cut && found + secret.length > cut) {
          cut = found + secret.length;
          moved = true;
        }
      }
    }
    const longest = this.ordered[0]?.length ?? 0;
    if (!final && text.length - cut < longest - 1) return -1;
    return Math.min(cut, text.length);
  }

  /** Masks every string inside a plain value (events, the Build result), returning a copy. */
  maskValue<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    if (typeof value === 'string') return this.mask(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.maskValue(item)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.maskValue(item);
      return out as T;
    }
    return value;
  }

  /** Masks an error's message (and its hint and problems, for a SlipwayError) in place, and returns it. */
  maskError(error: unknown): unknown {
    if (this.secrets.size === 0 || !(error instanceof Error)) return error;
    error.message = this.mask(error.message);
    const detail = error as Error & { hint?: string; problems?: { message: string }[] };
    if (typeof detail.hint === 'string') Object.defineProperty(detail, 'hint', { value: this.mask(detail.hint) });
    for (const problem of detail.problems ?? []) problem.message = this.mask(problem.message);
    if (error.stack) error.stack = this.mask(error.stack);
    return error;
  }
}
