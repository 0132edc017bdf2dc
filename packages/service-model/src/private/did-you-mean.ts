/**
 * The candidate a value was probably meant to be, for "did you mean": the nearest by edit distance
 * (at most a third of its length), else the only one it begins (`memory` for `memoryLimitMiB`).
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  return nearest(value, candidates) ?? onlyExtension(value, candidates);
}

function onlyExtension(value: string, candidates: readonly string[]): string | undefined {
  const extended = value.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(value.toLowerCase())) : [];
  return extended.length === 1 ? extended[0] : undefined;
}

function nearest(value: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
