// Views for tests, close to what the Rust side sends.
import type { Common, View, ViewNotice } from "./types";
import type { FactorKind } from "./generated/FactorKind";
import type { WorkspaceView } from "./generated/WorkspaceView";
import type { RecoveryCodesLeft } from "./generated/RecoveryCodesLeft";
import type { NewAuthenticatorOffer } from "./generated/NewAuthenticatorOffer";

export const T0 = Date.parse("2025-11-28T12:00:00Z");
export const at = (ms: number): string => new Date(T0 + ms).toISOString();

const common: Common = {
  locale: "en",
  dev_mode: false,
  busy: false,
  notice: null,
  window_title: "A screen — Gatehouse",
};

export const views = {
  starting: (): View => ({ ...common, screen: "starting" }),
  configError: (file: string | null = "/etc/gatehouse/config.toml"): View => ({
    ...common,
    screen: "config_error",
    file,
    message: "[stytch] project_id is missing",
  }),
  signIn: (over: Partial<Common> & { email?: string | null } = {}): View => ({
    ...common,
    screen: "sign_in",
    organization_name: "Example Org",
    email: null,
    ...over,
  }),
  checkEmail: (
    over: Partial<Common> & { resend_available_at?: string; link_check_failed?: boolean } = {},
  ): View => ({
    ...common,
    screen: "check_email",
    organization_name: "Example Org",
    email: "ada@example.com",
    sent_at: at(0),
    resend_available_at: at(30_000),
    link_check_failed: false,
    ...over,
  }),
  enrollPhone: (over: Partial<Common> & { default_country?: string } = {}): View => ({
    ...common,
    screen: "enroll_phone",
    organization_name: "Example Org",
    email: "ada@example.com",
    default_country: "GB",
    alternatives: [],
    ...over,
  }),
  enterCode: (
    over: Partial<Common> & {
      sent_at?: string | null;
      code_expires_at?: string | null;
      resend_available_at?: string | null;
      factor?: FactorKind;
      masked_phone?: string | null;
      alternatives?: FactorKind[];
    } = {},
  ): View => ({
    ...common,
    screen: "enter_code",
    organization_name: "Example Org",
    email: "ada@example.com",
    factor: "sms",
    masked_phone: "XXXXXXX0123",
    sent_at: at(0),
    code_expires_at: at(120_000),
    resend_available_at: null,
    alternatives: [],
    ...over,
  }),
  signedIn: (
    over: Partial<Common> & {
      remembered?: boolean;
      workspace?: WorkspaceView | null;
      recovery_codes_left?: RecoveryCodesLeft | null;
      can_renew_recovery_codes?: boolean;
      new_authenticator?: NewAuthenticatorOffer | null;
    } = {},
  ): View => ({
    ...common,
    screen: "signed_in",
    organization_name: "Example Org",
    email: "ada@example.com",
    factors: [
      { kind: "email", label: "Email link", last_authenticated_at: at(-60_000) },
      { kind: "sms", label: "SMS code to •••• 0123", last_authenticated_at: at(-10_000) },
    ],
    session_expires_at: at(3_600_000),
    remembered: true,
    workspace: null,
    recovery_codes_left: null,
    can_renew_recovery_codes: false,
    new_authenticator: null,
    ...over,
  }),
};

export const factorViews = {
  choose: (over: Partial<Common> = {}): View => ({
    ...common,
    screen: "choose_factor",
    organization_name: "Example Org",
    email: "ada@example.com",
    options: ["sms", "totp"],
    ...over,
  }),
  enrollTotp: (over: Partial<Common> & { replacing?: boolean; alternatives?: FactorKind[] } = {}): View => ({
    ...common,
    screen: "enroll_totp",
    organization_name: "Example Org",
    email: "ada@example.com",
    qr_code: "data:image/png;base64,iVBORw0KGgo=",
    secret: "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS",
    alternatives: ["sms"],
    replacing: false,
    ...over,
  }),
  recovery: (over: Partial<Common> = {}): View => ({
    ...common,
    screen: "enter_recovery_code",
    organization_name: "Example Org",
    email: "ada@example.com",
    alternatives: ["totp"],
    ...over,
  }),
  codes: (over: Partial<Common> & { rotated?: boolean; close_asked?: boolean } = {}): View => ({
    ...common,
    screen: "recovery_codes",
    organization_name: "Example Org",
    email: "ada@example.com",
    codes: ["ckss-2skx-ebow", "spbc-424h-usy0", "hi08-n5tk-lns5"],
    rotated: false,
    close_asked: false,
    ...over,
  }),
};

export const wrongCode: ViewNotice = {
  kind: "error",
  code: "wrong_code",
  message: "That code isn't right. Check the text message and try again.",
  action: null,
  retry_at: null,
};
