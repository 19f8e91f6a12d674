// The server's rule for cache names (tenant.CacheName), checked as the user types.

const VALID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why name is not allowed, or null when it is. existing: names already taken. */
export function nameProblem(name, existing) {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > 63) return `At most 63 characters (this is ${name.length}).`;
  if (/[A-Z]/.test(name)) return 'Use lowercase letters only.';
  if (/[^a-z0-9-]/.test(name)) return 'Use only lowercase letters (a-z), digits and hyphens.';
  if (name.startsWith('-') || name.endsWith('-')) {
    return 'A name cannot start or end with a hyphen.';
  }
  if (!VALID.test(name)) return 'Use only lowercase letters (a-z), digits and hyphens.';
  if (existing.has(name)) return `A cache named ${name} exists already.`;
  return null;
}
