// Helpers the UI's unit tests share: find an element, type or paste into a field as a person would.

export const $ = <E extends Element = HTMLElement>(selector: string): E => {
  const el = document.querySelector<E>(selector);
  if (!el) throw new Error(`${selector} not found`);
  return el;
};

export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: value.slice(-1) }));
}

export function paste(input: HTMLInputElement, text: string): Event {
  const event = new Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(event, "clipboardData", { value: { getData: () => text } });
  input.dispatchEvent(event);
  return event;
}

/** A file of ui/src as committed, e.g. "style.css" (Vitest hands CSS to tests empty, even as ?raw). */
export async function sourceText(path: string): Promise<string> {
  const builtin = "node:fs"; // not a literal import: the window's bundle and its types never see it
  const fs = (await import(/* @vite-ignore */ builtin)) as { readFileSync(file: URL, encoding: "utf8"): string };
  return fs.readFileSync(new URL(path, import.meta.url), "utf8");
}
