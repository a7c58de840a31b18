import { getCountries } from "libphonenumber-js";
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { createApp, type App } from "./app";
import { $, type } from "./testing";
import { views } from "./fixtures";

const callMock = call as unknown as Mock;
let app: App;

async function showEnrollPhone(country = "GB"): Promise<void> {
  app.render(views.enrollPhone({ default_country: country }));
  // The screen's module (with libphonenumber-js) loads on first use.
  await vi.waitFor(() => expect(document.querySelector("#phone")).not.toBeNull());
}

beforeEach(() => {
  document.body.innerHTML = "";
  callMock.mockClear();
  app = createApp(document);
});
afterEach(() => app.destroy());

describe("enroll_phone", () => {
  it("offers every country with its calling code, defaulting to the view's, and focuses the number", async () => {
    await showEnrollPhone("GB");
    const country = $<HTMLSelectElement>("select#country");
    expect(country.value).toBe("GB");
    expect(country.options).toHaveLength(getCountries().length);
    expect(country.selectedOptions[0]?.textContent).toBe("United Kingdom (+44)");
    const phone = $<HTMLInputElement>("#phone");
    expect(phone.type).toBe("tel");
    expect(phone.getAttribute("autocomplete")).toBe("tel");
    expect(document.activeElement).toBe(phone);
    expect($("main#app").dataset.screen).toBe("enroll_phone");
    expect($("form#enroll-phone")).toBeTruthy();
  });

  it("formats as you type and sends E.164", async () => {
    await showEnrollPhone("GB");
    const phone = $<HTMLInputElement>("#phone");
    type(phone, "02079460958");
    expect(phone.value).toBe("020 7946 0958");
    $<HTMLButtonElement>("#enroll-phone button[type=submit]").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("enroll_phone", { phone: "+442079460958" });
  });

  it("accepts a + number whatever the country picker says", async () => {
    await showEnrollPhone("GB");
    type($<HTMLInputElement>("#phone"), "+1 415 555 0123");
    $<HTMLButtonElement>("#enroll-phone button[type=submit]").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("enroll_phone", { phone: "+14155550123" });
  });

  it("follows a change of country", async () => {
    await showEnrollPhone("GB");
    const country = $<HTMLSelectElement>("#country");
    country.value = "US";
    country.dispatchEvent(new Event("change", { bubbles: true }));
    type($<HTMLInputElement>("#phone"), "4155550123");
    expect($<HTMLInputElement>("#phone").value).toBe("(415) 555-0123");
    $<HTMLButtonElement>("#enroll-phone button[type=submit]").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("enroll_phone", { phone: "+14155550123" });
  });

  it("refuses an invalid number with an inline message, and clears it once fixed", async () => {
    await showEnrollPhone("US");
    const phone = $<HTMLInputElement>("#phone");
    type(phone, "415 555");
    $<HTMLButtonElement>("#enroll-phone button[type=submit]").click();
    expect(callMock).not.toHaveBeenCalled();
    expect($("#phone-message").textContent).toMatch(/too short/);
    expect(phone.getAttribute("aria-invalid")).toBe("true");
    expect(phone.getAttribute("aria-describedby")).toContain("phone-message");

    type(phone, "(415) 555-0123");
    expect($("#phone-message").textContent).toBe("");
    expect(phone.hasAttribute("aria-invalid")).toBe(false);
  });

  it("keeps the typed number when a notice arrives for the same screen", async () => {
    await showEnrollPhone("US");
    const phone = $<HTMLInputElement>("#phone");
    type(phone, "(415) 555-0123");
    app.render(
      views.enrollPhone({
        default_country: "US",
        notice: {
          kind: "error",
          code: "phone_country_not_allowed",
          message: "Text messages to this country are not enabled.",
          action: null,
          retry_at: null,
        },
      }),
    );
    expect($<HTMLInputElement>("#phone")).toBe(phone);
    expect(phone.value).toBe("(415) 555-0123");
    expect($<HTMLSelectElement>("#country").value).toBe("US");
  });
});
