// What never reaches the page: configuration values that hold credentials (a GitHub version 1
// source's OAuthToken, which GetPipeline itself shows as "****"; any key naming a token, secret
// or password), and a stack's NoEcho parameter values wherever they reappear (outputs, physical
// ids, reasons), which DescribeStacks masks in Parameters only.

/** What a masked value reads as (CodePipeline's and CloudFormation's own mask). */
export const MASK = '****';

const SECRET_KEY = /token|secret|password|passphrase|credential/i;

/** A map (an action's configuration, output variables) with the values of keys named like credentials masked. */
export function maskedByName<V>(values: Record<string, V>): Record<string, V | string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, SECRET_KEY.test(key) ? MASK : value]));
}

/** Masks every occurrence of each secret value in `text` (empty values are not secrets). */
export function maskValues(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) if (secret !== '') masked = masked.split(secret).join(MASK);
  return masked;
}
