# The window: its title for each screen (the window switcher and screen readers read it).
window-title = Gatehouse

## The window's frame: what stays whatever the screen.

# Shown only in development builds; names the emulator's service on purpose (developers read it).
ui-dev-mode = Development mode: a project secret or a development Stytch address is in use. Never ship this configuration.
# While the core works on a request.
ui-working = Working…
# While a screen's code loads (a split-off part of the window).
ui-loading = Loading…
# $error: the loader's own error text (English, for IT).
ui-screen-load-failed = This screen could not load ({ $error }). Restart Gatehouse.
# The window could not reach the core; $error: the technical reason.
ui-ipc-failed = Gatehouse could not do that ({ $error }). Try again; if it keeps happening, restart Gatehouse.
ui-start-failed = Gatehouse could not start its window ({ $error }). Restart Gatehouse.
# A newer core than this window sent a screen the window does not know; $screen: its internal name.
ui-unknown-screen-title = Gatehouse needs an update
ui-unknown-screen = This window does not know the screen “{ $screen }”. Restart Gatehouse; if this stays, ask IT to update it.

## The notice region above each screen.

# $code: the notice's reference code, read out to the helpdesk.
ui-notice-reference = Reference: { $code }
ui-notice-start-again = Start again
ui-notice-try-again = Try again
# $countdown: minutes and seconds, e.g. 0:42.
ui-notice-retry-in = You can try again in { $countdown }.
ui-notice-retry-now = You can try again now.

## Shared by several screens.

# $email: the address being signed in.
ui-signing-in-as = Signing in as { $email }.
ui-not-you = Not you? Use another email
ui-other-ways = Use another way
# How each second step is named where the person picks one.
ui-factor-sms = Text message (SMS) to your phone
ui-factor-totp = Authenticator app
ui-factor-recovery-code = Recovery code
ui-verify = Verify
ui-continue = Continue
ui-code-incomplete-totp = Enter the 6-digit code your authenticator app shows.

## Starting.

ui-starting = Restoring your session…

## The configuration is broken.

ui-config-error-title = Gatehouse isn't set up correctly
ui-config-error-lede = Its configuration has a problem, so it can't sign you in. Your IT team needs to fix this: send them the details below.
ui-config-error-file = File
ui-config-error-problem = Problem
ui-config-error-no-file = no configuration file
ui-config-error-hint = Once IT has fixed it, close Gatehouse and open it again.

## Sign in with an email address.

# $organization: the organization's name.
ui-sign-in-title-organization = Sign in to { $organization }
ui-sign-in-title = Sign in with your work email
ui-sign-in-email = Work email
ui-sign-in-email-hint = We'll email you a link. Open it on this computer to sign in.
ui-sign-in-submit = Email me a sign-in link
ui-email-empty = Enter your work email address.
ui-email-too-long = That email address is too long.
ui-email-invalid = That doesn't look like an email address. Check it and try again (it looks like name@company.com).

## Check your email.

ui-check-email-title = Check your email
ui-check-email-failed-title = Your link could not be checked
# $email: the address, shown in bold.
ui-check-email-lede = We sent a sign-in link to { $email }. Open it on this computer to continue.
ui-check-email-failed-lede = Your sign-in link arrived, but the sign-in service could not check it. Try again: nothing was lost, and no new email is needed.
# $time: date and time the email was sent.
ui-check-email-sent-at = Sent { $time }. It can take a minute to arrive; check your junk folder too.
ui-check-email-resend = Resend the link
# $countdown: minutes and seconds, e.g. 0:42.
ui-check-email-resend-wait = You can resend in { $countdown }
ui-check-email-use-another = Use another address
ui-check-email-paste = Paste the link instead
ui-check-email-link = Sign-in link
ui-check-email-link-hint = If opening the link doesn't bring you back here, copy it from the email (right-click it, Copy link) and paste it here.
ui-check-email-link-submit = Continue with this link
ui-link-empty = Paste the sign-in link from the email first.
ui-link-invalid = That isn't a link. Copy the whole link from the email (right-click it, Copy link).

## Add a mobile phone.

ui-enroll-phone-title = Add your mobile phone
ui-enroll-phone-lede-organization = { $organization } asks for a code sent by text message each time you sign in. Which mobile number should we send it to?
ui-enroll-phone-lede = Your organization asks for a code sent by text message each time you sign in. Which mobile number should we send it to?
ui-enroll-phone-country = Country
ui-enroll-phone-number = Mobile number
ui-enroll-phone-hint = Type it as you would dial it locally, or start with + and the country code.
ui-enroll-phone-submit = Text me a code
ui-phone-empty = Enter your mobile number.
# $international: "yes" when the number starts with + (then no country is named); $country: the country picked.
ui-phone-too-short =
    { $international ->
        [yes] That number is too short. Check the digits.
       *[no] That number is too short for { $country }. Check the digits.
    }
ui-phone-too-long =
    { $international ->
        [yes] That number is too long. Check the digits.
       *[no] That number is too long for { $country }. Check the digits.
    }
ui-phone-invalid-country = That country code isn't recognised. Check the digits after the “+”.
ui-phone-invalid =
    { $international ->
        [yes] That isn't a valid phone number. Check the number and the country.
       *[no] That isn't a valid phone number for { $country }. Check the number and the country.
    }

## Enter a code (text message or authenticator app).

ui-enter-code-title = Enter the code
ui-enter-code-title-totp = Enter the code from your authenticator app
ui-enter-code-totp-lede = Open the app and type the 6-digit code it shows for this account.
# $phone: the masked number, e.g. ••• 0123.
ui-enter-code-sent = We sent a code to { $phone }
ui-enter-code-sending = Sending a code to { $phone }…
ui-enter-code-not-sent = We couldn't text { $phone }.
ui-enter-code-field = 6-digit code
# $countdown: minutes and seconds, e.g. 1:59 (it counts down).
ui-code-expires-in = The code expires in { $countdown }
ui-code-expired = The code has expired — send a new one
ui-enter-code-resend = Send a new code
ui-enter-code-send = Send the code
ui-enter-code-resend-note = A new code replaces the old one; the old code stops working.
ui-code-incomplete-sms = Enter the 6-digit code from the text message.

## Choose a second step.

ui-choose-factor-title = Add a second step to your sign-in
ui-choose-factor-lede-organization = { $organization } asks for a second step after the email link. Choose how:
ui-choose-factor-lede = Your organization asks for a second step after the email link. Choose how:
ui-choose-factor-sms = We text you a code each time you sign in.
ui-choose-factor-totp = An app on your phone (Google Authenticator, 1Password, Authy, …) shows the code. Works without signal, and comes with recovery codes.

## Add an authenticator app.

ui-enroll-totp-title = Add your authenticator app
ui-enroll-totp-title-replacing = Add a new authenticator app
ui-enroll-totp-replacing = Your old authenticator app and its recovery codes no longer work. Add Gatehouse to the app on your new phone.
ui-enroll-totp-not-now = Not now
ui-enroll-totp-step-open = Open your authenticator app and add an account.
ui-enroll-totp-step-scan = Scan this QR code with it.
ui-enroll-totp-step-enter = Enter the 6-digit code the app shows.
# The QR code image's text for screen readers.
ui-enroll-totp-qr = QR code for your authenticator app
ui-enroll-totp-cant-scan = Can't scan the code?
ui-enroll-totp-key-text = Type this setup key into the app instead:
ui-enroll-totp-copy-key = Copy key
ui-enroll-totp-key-note = Gatehouse never keeps this key: once your app has it, it is only there.
ui-enroll-totp-code = 6-digit code from the app
ui-enroll-totp-key-copied = Setup key copied
ui-enroll-totp-key-not-copied = Select the key and copy it

## Enter a recovery code.

ui-recovery-title = Enter a recovery code
ui-recovery-lede = One of the codes you saved when you set up your authenticator app. Each works once.
ui-recovery-field = Recovery code
ui-recovery-hint = Like xxxx-xxxx-xxxx. Paste it or type it.
ui-recovery-submit = Sign in
ui-recovery-empty = Enter one of your recovery codes.

## Save the recovery codes.

ui-codes-title = Save your recovery codes
ui-codes-lede-first = Your authenticator app is set up. Keep these codes somewhere safe, away from your phone.
# New codes, after a notice already said the old ones no longer work.
ui-codes-lede-renewed-noticed = Here are your new recovery codes. Keep them somewhere safe, away from your phone.
ui-codes-lede-renewed = Here are your new recovery codes. The old ones no longer work.
ui-codes-close-warning = These codes won't be shown again once the window closes. Copy or save them first — or close the window again to leave without them.
ui-codes-copy = Copy
ui-codes-save = Save to file…
ui-codes-copied = Copied. Paste them somewhere safe now: the clipboard forgets them in a minute.
ui-codes-not-copied = Couldn't copy. Select the codes above and copy them, or use Save to file.
ui-codes-note = You won't see these codes again. Each one signs you in once, in place of your app.
ui-codes-saved = I have saved them

## Signed in.

ui-signed-in-title = You're signed in
ui-signed-in-email = Email
ui-signed-in-organization = Organization
ui-signed-in-expires = Session expires
ui-signed-in-factors = How you signed in
ui-signed-in-not-remembered = This sign-in won't be remembered after Gatehouse closes; you'll be asked to sign in again next time.
ui-signed-in-kept = Gatehouse keeps you signed in on this computer, so you can close this window.
ui-signed-in-try-again = Try again
ui-signed-in-new-app = Set up a new authenticator app
ui-signed-in-sign-out = Sign out
# $workspace: the workspace's name.
ui-workspace-opens = { $workspace } opens in a window of its own.
# After a recovery code. $left: codes left (1 or more); $next: "app" when a new authenticator app is offered, else "codes".
ui-recovery-words-old-removed = Your old authenticator app and its recovery codes no longer work. Set up a new authenticator app now.
ui-recovery-words-lost = Lost your phone or authenticator app? Set up a new one now.
ui-recovery-words-last =
    { $next ->
        [app] You signed in with your last recovery code. To sign in next time, set up a new authenticator app now.
       *[codes] You signed in with your last recovery code. To sign in next time, make new recovery codes now.
    }
ui-recovery-words-low =
    { $next ->
        [app] You signed in with a recovery code. Only { $left } left: set up a new authenticator app now.
       *[codes] You signed in with a recovery code. Only { $left } left: make new recovery codes now.
    }
ui-recovery-words-left =
    { $next ->
        [app] You signed in with a recovery code. { $left } left. If your phone or authenticator app is lost, set up a new one now.
       *[codes] You signed in with a recovery code. { $left } left.
    }

## Replace the recovery codes (signed in).

ui-renew-title = Recovery codes
ui-renew-ask = New recovery codes
ui-renew-warning = New codes replace your current ones: the current codes stop working at once.
ui-renew-replace = Replace my recovery codes
ui-renew-keep = Keep my codes
