// CDK writes string concatenation as `Fn::Join ['', [...]]`; people read `Fn::Sub` far more
// easily (`arn:${AWS::Partition}:s3:::${ArtifactStore}/*`), and cfn-lint recommends it (I1022).
// Joins of plain text, Ref and GetAtt become Sub; any other join is left as it is.

/** Rewrites every simple empty-delimiter Fn::Join in a template fragment as Fn::Sub. */
export function joinsToSubs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(joinsToSubs);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, joinsToSubs(value)] as const);
  const object = Object.fromEntries(entries);
  const sub = entries.length === 1 && entries[0]?.[0] === 'Fn::Join' ? subOf(entries[0][1]) : undefined;
  return sub === undefined ? object : { 'Fn::Sub': sub };
}

/** The Sub string of a join's arguments, or undefined when a part is not text, Ref or GetAtt. */
function subOf(args: unknown): string | undefined {
  if (!Array.isArray(args) || args[0] !== '' || !Array.isArray(args[1])) return undefined;
  let text = '';
  for (const part of args[1] as unknown[]) {
    const piece = subPiece(part);
    if (piece === undefined) return undefined;
    text += piece;
  }
  return text;
}

function subPiece(part: unknown): string | undefined {
  // `${` in literal text is written `${!` in a Sub string (CloudFormation, Fn::Sub).
  if (typeof part === 'string') return part.replace(/\$\{/g, '${!');
  if (part === null || typeof part !== 'object') return undefined;
  const keys = Object.keys(part);
  const value = part as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (keys.length === 1 && typeof value.Ref === 'string') return `\${${value.Ref}}`;
  const getAtt = value['Fn::GetAtt'];
  if (keys.length === 1 && Array.isArray(getAtt) && getAtt.length === 2 && getAtt.every((x) => typeof x === 'string')) return `\${${getAtt[0]}.${getAtt[1]}}`;
  return undefined;
}
