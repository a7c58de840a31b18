// The contract with the Rust side: the view it emits on the "view" event and returns from
// current_view. The webview renders this and nothing else; no secret ever appears here.

export type NoticeAction = "restart" | "resend_code" | "retry";

export interface Notice {
  kind: "error" | "info";
  code: string;
  message: string;
  action: NoticeAction | null;
  retry_at: string | null;
}

export interface Factor {
  kind: string; // "email" | "sms" | another factor Rust may add later
  label: string;
  last_authenticated_at: string; // RFC 3339
}

export interface Common {
  dev_mode: boolean;
  busy: boolean;
  notice: Notice | null;
}

export type StartingView = Common & { screen: "starting" };
export type ConfigErrorView = Common & { screen: "config_error"; file: string | null; message: string };
export type SignInView = Common & { screen: "sign_in"; organization_name: string | null; email: string | null };
export type CheckEmailView = Common & {
  screen: "check_email";
  organization_name: string | null;
  email: string;
  sent_at: string;
  resend_available_at: string;
};
export type EnrollPhoneView = Common & {
  screen: "enroll_phone";
  organization_name: string | null;
  email: string;
  default_country: string; // ISO 3166 alpha-2
};
export type EnterCodeView = Common & {
  screen: "enter_code";
  organization_name: string | null;
  email: string;
  masked_phone: string;
  sent_at: string;
  code_expires_at: string;
};
export type SignedInView = Common & {
  screen: "signed_in";
  organization_name: string | null;
  email: string;
  factors: Factor[];
  session_expires_at: string;
  remembered: boolean;
};

export type View =
  | StartingView
  | ConfigErrorView
  | SignInView
  | CheckEmailView
  | EnrollPhoneView
  | EnterCodeView
  | SignedInView;

export type ScreenName = View["screen"];

/** The intents the webview may send, with their arguments. Every one resolves to nothing:
 *  its outcome arrives as the next view, and its failure as view.notice. */
export interface Commands {
  start_sign_in: { email: string };
  resend_link: undefined;
  use_another_address: undefined;
  submit_link: { link: string };
  enroll_phone: { phone: string };
  submit_code: { code: string };
  resend_code: undefined;
  restart: undefined;
  retry: undefined;
  sign_out: undefined;
}

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K] extends undefined ? [] : [Commands[K]];
