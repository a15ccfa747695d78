// Masks secret values in log lines and events by exact match, as CodeBuild does for
// parameter-store and secrets-manager values and AWS access keys.

const MASK = '***';
/** Values this short would mask ordinary text everywhere; CodeBuild's masking has the same blind spot. */
const MIN_SECRET_LENGTH = 3;

/** Replaces every known secret value in a string with `***`. */
export class Masker {
  private readonly secrets = new Set<string>();

  /** Adds a value to hide; empty and very short values are ignored. */
  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  /** Masks one string. Longer secrets first, so one that contains another is hidden whole. */
  mask(text: string): string {
    if (this.secrets.size === 0) return text;
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }

  /** Masks every string inside a plain value (events), returning a copy. */
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
}
