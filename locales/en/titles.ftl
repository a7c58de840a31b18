# The window's title on each screen: what a window switcher lists and a screen reader reads on
# arrival. The two code screens are told apart by where the code comes from.
window-title-starting = Starting — Gatehouse
window-title-config-error = Setup problem — Gatehouse
window-title-sign-in = Sign in — Gatehouse
window-title-check-email = Check your email — Gatehouse
window-title-choose-factor = Choose a second step — Gatehouse
window-title-enroll-totp = Set up an authenticator app — Gatehouse
window-title-enroll-phone = Add a phone — Gatehouse
window-title-enter-code-app = Enter the authenticator app's code — Gatehouse
window-title-enter-code-sms = Enter the texted code — Gatehouse
window-title-enter-recovery-code = Enter a recovery code — Gatehouse
window-title-recovery-codes = Save your recovery codes — Gatehouse
window-title-signed-in = Signed in — Gatehouse
