// The pseudo-locale's transform, the same rules as the Rust side's (fluent-pseudo's accented,
// not flipped, elongated map, with bracket markers: crates/gatehouse-i18n/src/pseudo.rs): every
// catalog text comes out accented, longer and bracketed, so a test sees at once a string that
// skipped the catalog (no brackets) or that the layout clips (a bracket cut off).

const SMALL = "aƀƈḓeƒɠħiĵķŀḿƞoƥɋřşŧuṽẇẋẏẑ";
const CAPS = "AƁƇḒEƑƓĦIĴĶĿḾȠOƤɊŘŞŦUṼẆẊẎẐ";
const DOUBLED = new Set(["a", "e", "o", "u"]);

export function pseudo(text: string): string {
  const body = text.replace(/[a-zA-Z]/g, (c) => {
    const small = c >= "a" && c <= "z";
    const mapped = [...(small ? SMALL : CAPS)][c.toLowerCase().charCodeAt(0) - 97] ?? c;
    return small && DOUBLED.has(c) ? mapped + mapped : mapped;
  });
  return `[${body}]`;
}
