// Close matches for a mistyped code (a plan, an option): the same text in another case, a substring
// either way, or a few edits away.

/** Codes close to `input`: same text in another case, substrings either way, or a few edits away. */
export function closeMatches(input: string, candidates: readonly string[], max = 5): string[] {
  const needle = input.toLowerCase();
  const scored = [...new Set(candidates)]
    .map((candidate) => {
      const c = candidate.toLowerCase();
      let score: number;
      if (c === needle) score = 0;
      else if (needle.length >= 3 && (c.includes(needle) || needle.includes(c))) score = 1;
      else score = 1 + editDistance(needle, c);
      return { candidate, score };
    })
    .filter((s) => s.score <= Math.max(2, Math.ceil(needle.length / 3)))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
