// The SMS code as typed or pasted: digits only, at most six.

export const CODE_LENGTH = 6;

/** Normalise what was typed or pasted into the code field. "123 456", "123-456" and
 *  "Your code is 123456." all become "123456". */
export function normaliseCode(raw: string): string {
  // A message pasted whole: prefer a run of six digits, grouped or not, standing on its own.
  const grouped = /(?:^|\D)(\d{3}[\s\u00a0.\-\u2010-\u2015]?\d{3})(?!\d)/.exec(raw);
  const source = grouped?.[1] ?? raw;
  return source.replace(/\D/g, "").slice(0, CODE_LENGTH);
}

export function isCompleteCode(code: string): boolean {
  return code.length === CODE_LENGTH && /^\d+$/.test(code);
}
