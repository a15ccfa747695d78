// Defaults that depend on other fields, applied once after validation.
import type { ParsedConfig } from './schema.js';

/** A validated slipway.yml with every default filled in. */
export type SlipwayConfig = Omit<ParsedConfig, 'image'> & {
  image: ParsedConfig['image'] & { repository: string; containerName: string };
};

/** Fills in the defaults that come from other fields: repository and container name default to `name`. */
export function normalizeConfig(parsed: ParsedConfig): SlipwayConfig {
  return {
    ...parsed,
    image: {
      ...parsed.image,
      repository: parsed.image.repository ?? parsed.name,
      containerName: parsed.image.containerName ?? parsed.name,
    },
  };
}
