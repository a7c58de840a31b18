// Small pieces the screens share.
import { h } from "../dom";

export function field(id: string, label: string, control: HTMLElement, ...after: (Node | null)[]): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), control, ...after);
}

export function hint(id: string, text: string): HTMLElement {
  return h("p", { id, class: "hint" }, text);
}

export function heading(id: string, text = ""): HTMLHeadingElement {
  // tabindex -1: a screen without a field focuses its heading, so keyboard and screen-reader
  // users start at the top of what changed.
  return h("h2", { id, tabindex: "-1" }, text);
}

export function orgLine(): HTMLElement {
  return h("p", { class: "org" });
}

export function orgText(name: string | null): string {
  return name ? name : "";
}

export function focusField(input: HTMLInputElement): void {
  input.focus();
  // Put the caret after a prefilled value rather than selecting it.
  const end = input.value.length;
  try {
    input.setSelectionRange(end, end);
  } catch {
    // type="email" does not support selection ranges in some engines
  }
}
