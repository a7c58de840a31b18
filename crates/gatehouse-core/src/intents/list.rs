// The one list of the intents the webview may send: each is a Tauri command, by name, with its
// arguments. Not a module: it is `include!`d wherever the list is needed, each place defining
// `intents!` to expand it — the core into the `Intents` type (the UI's, via ts-rs) and `INTENTS`
// (intents.rs), the app into its command handler (src-tauri/lib.rs) and its commands' permissions
// (src-tauri/build.rs, which cannot depend on the core). A line here needs its
// `#[tauri::command]` fn in src-tauri/commands.rs, or the app does not compile.
intents! {
    start_sign_in: EmailArgs,
    resend_link: NoArgs,
    use_another_address: NoArgs,
    submit_link: LinkArgs,
    enroll_phone: PhoneArgs,
    submit_code: FactorCodeArgs,
    resend_code: NoArgs,
    restart: NoArgs,
    retry: NoArgs,
    sign_out: NoArgs,
    open_workspace: NoArgs,
    switch_factor: FactorArgs,
    submit_recovery_code: CodeArgs,
    recovery_codes_done: NoArgs,
    renew_recovery_codes: NoArgs,
    save_recovery_codes: NoArgs,
    // After a recovery-code sign-in: replace the lost authenticator app, or not now.
    set_up_new_authenticator: NoArgs,
    stop_authenticator_setup: NoArgs,
    // The setup key or the recovery codes on screen were copied; the clipboard forgets them.
    secret_copied: NoArgs,
}
