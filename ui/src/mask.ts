// How the masked phone from Rust is shown; kept apart from phone.ts so the code screen does
// not pull in libphonenumber-js.

/** Tidy a masked phone from Rust ("XXXXXXX0123", "•••• 0123", "+1 ***-***-0123") into
 *  "••• 0123"; anything without a mask and trailing digits is shown as given. */
export function displayMaskedPhone(masked: string): string {
  const text = masked.trim();
  const m = /[X*•●·]+[\s\-X*•●·]*[\s-]?(\d{2,4})$/i.exec(text);
  return m ? `••• ${m[1]}` : text;
}
