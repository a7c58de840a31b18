// The contract with the Rust side. The view, notices, factors and intents are generated from the
// core's Rust types (ui/src/generated/, by `cargo test -p gatehouse-core`; CI fails when they
// differ from the committed files), so the two sides cannot drift. This file only names parts.

import type { CommandError } from "./generated/CommandError";
import type { FactorView } from "./generated/FactorView";
import type { Intents } from "./generated/Intents";
import type { Notice as RustNotice } from "./generated/Notice";
import type { NoticeCode } from "./generated/NoticeCode";
import type { View } from "./generated/View";

export type { Action as NoticeAction } from "./generated/Action";
export type { CommandError, FactorView as Factor, NoticeCode, View };

/** Codes the webview raises itself, before or instead of asking Rust. */
export type LocalNoticeCode =
  | "ipc_failed"
  | "email_invalid_local"
  | "link_empty_local"
  | "link_invalid_local"
  | "code_incomplete_local"
  | "phone_invalid_local";

/** A notice as Rust sends it in a view. */
export type ViewNotice = RustNotice;
/** A notice the window shows: Rust's, or one the webview raised itself. */
export type Notice = Omit<RustNotice, "code"> & { code: NoticeCode | LocalNoticeCode };

export type Common = Pick<View, "locale" | "dev_mode" | "busy" | "notice" | "window_title">;
export type ScreenName = View["screen"];
type ViewNamed<S extends ScreenName> = Extract<View, { screen: S }>;

export type StartingView = ViewNamed<"starting">;
export type ConfigErrorView = ViewNamed<"config_error">;
export type SignInView = ViewNamed<"sign_in">;
export type CheckEmailView = ViewNamed<"check_email">;
export type EnrollPhoneView = ViewNamed<"enroll_phone">;
export type EnterCodeView = ViewNamed<"enter_code">;
export type SignedInView = ViewNamed<"signed_in">;
export type ChooseFactorView = ViewNamed<"choose_factor">;
export type EnrollTotpView = ViewNamed<"enroll_totp">;
export type EnterRecoveryCodeView = ViewNamed<"enter_recovery_code">;
export type RecoveryCodesView = ViewNamed<"recovery_codes">;

export type Commands = Intents;
export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K] extends null ? [] : [Commands[K]];

/** A command's failure as Tauri delivers it: `{kind, message}` from Rust, or an Error. */
export function errorText(err: unknown): string {
  if (typeof err === "object" && err !== null && "message" in err) {
    return String((err as CommandError | Error).message);
  }
  return String(err);
}
