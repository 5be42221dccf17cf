// Known defects of the app, found by this suite and reported to the lead.
// While an entry is listed, its symptom is printed as a warning in the
// summary instead of failing the run; `E2E_STRICT=1` makes them fail again.
// Delete an entry once the app is fixed (the summary says when an entry was
// not seen in a run).

export const STRICT = process.env.E2E_STRICT === '1';

export const KNOWN_ISSUES = [];

const seen = new Map();

/** Problems not explained by a known issue; records the ones that are. */
export function unexplained(problems) {
  if (STRICT) return problems;
  return problems.filter((p) => {
    const issue = KNOWN_ISSUES.find((k) => k.matches(p));
    if (!issue) return true;
    seen.set(issue.id, (seen.get(issue.id) ?? 0) + 1);
    return false;
  });
}

/** `{ todo: reason }` for node:test while the issue is listed (and not strict). */
export function todoWhileKnown(id) {
  const issue = KNOWN_ISSUES.find((k) => k.id === id);
  if (!issue || STRICT) return {};
  seen.set(id, seen.get(id) ?? 0);
  return { todo: `known app issue ${id}: ${issue.description}` };
}

export function knownIssuesReport() {
  const lines = [];
  for (const issue of KNOWN_ISSUES) {
    if (!seen.has(issue.id)) continue;
    const n = seen.get(issue.id);
    lines.push(`#   ${issue.id}${n ? ` (${n}x)` : ''}: ${issue.description}`);
  }
  return lines;
}
