/** One setting that differs between two versions, named by its path (`Section.Key`); undefined: absent there. */
export interface SettingChange {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (prefix) {
    into.set(prefix, value);
  }
  return into;
}

/** What a change did: every leaf setting added, removed or changed, by path in alphabetical order. */
export function settingsDiff(before: object | null, after: object | null): SettingChange[] {
  const old = flatten(before, '', new Map());
  const next = flatten(after, '', new Map());
  return [...new Set([...old.keys(), ...next.keys()])].sort()
    .filter(path => JSON.stringify(old.get(path)) !== JSON.stringify(next.get(path)))
    .map(path => ({ path, before: old.get(path), after: next.get(path) }));
}
