// The functions only the Rules section may use (AWS docs, "Rule functions").

/** Handlers of the rule-only functions, for evaluate(). */
export const RULE_FUNCTIONS: Record<string, (values: unknown[]) => boolean> = {
  // Fn::Contains: [list of strings, string] - whether the string is one of the list.
  'Fn::Contains': ([list, value]) => Array.isArray(list) && list.map(String).includes(String(value)),
  // Fn::EachMemberEquals: [list of strings, string] - whether every member equals the string.
  'Fn::EachMemberEquals': ([list, value]) => Array.isArray(list) && list.every((item) => String(item) === String(value)),
  // Fn::EachMemberIn: [strings to check, strings to match] - whether each is one of the others.
  'Fn::EachMemberIn': ([list, allowed]) => Array.isArray(list) && Array.isArray(allowed) && list.every((item) => allowed.map(String).includes(String(item))),
};
