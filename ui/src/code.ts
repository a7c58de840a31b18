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

/** The 6-digit code field (SMS or authenticator app): one-time-code autofill, a digits keyboard. */
export function codeInput(h: (tag: "input", attrs: Record<string, string | number>) => HTMLInputElement): HTMLInputElement {
  return h("input", {
    id: "code",
    name: "code",
    type: "text",
    autocomplete: "one-time-code",
    inputmode: "numeric",
    maxlength: CODE_LENGTH,
    pattern: "[0-9]*",
    spellcheck: "false",
    class: "code-input",
  });
}

/** Keeps a code field to a clean code as typed or pasted, then calls `changed`. A paste is taken
 *  whole: maxlength would cut "123 456" to "123 45" before the field saw it. */
export function keepCodeClean(input: HTMLInputElement, changed: () => void): void {
  input.addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text");
    if (text === undefined) return;
    event.preventDefault();
    input.value = normaliseCode(text);
    input.setSelectionRange(input.value.length, input.value.length);
    changed();
  });
  input.addEventListener("input", () => {
    const clean = normaliseCode(input.value);
    if (clean !== input.value) input.value = clean;
    changed();
  });
}
