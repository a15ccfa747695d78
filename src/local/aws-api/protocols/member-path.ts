// How the wire layer names a member in its messages: dotted from the input or output root,
// `[index]` for list items (`imageIds[0].imageTag`), as AWS's validation messages do.

/** `parent.name`, or `name` at the top. */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}
