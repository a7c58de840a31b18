# Notices: what the sign-in core says to a person on the current screen
# (crates/gatehouse-core/src/notices), the signed-in screen's factor names, and a command's
# refusal. Words an employee does not know stay out (no service brand, no host names).
#
# $trouble is what went wrong with the keychain: unavailable, locked, refused or timed-out.

## The keychain

notice-keychain-unavailable =
    Your saved sign-in could not be read because { $trouble ->
        [locked] your keyring is locked
        [refused] your keyring refused Gatehouse
        [timed-out] your keyring did not answer in time
       *[unavailable] no keyring could be reached
    }. Sign in again. { $trouble ->
        [locked] Unlock your keyring (it usually unlocks when you log in with your password).
        [refused] Ask IT to let Gatehouse use your keyring.
        [timed-out] It may be waiting for its password: look for a keyring prompt, or unlock your keyring.
       *[unavailable] The keyring service (such as GNOME Keyring or KWallet) may not be running: if this keeps happening, ask IT.
    }
notice-not-remembered =
    You're signed in, but your session could not be saved because { $trouble ->
        [locked] your keyring is locked
        [refused] your keyring refused Gatehouse
        [timed-out] your keyring did not answer in time
       *[unavailable] no keyring could be reached
    }, so you'll be asked again next time. { $trouble ->
        [locked] Unlock your keyring (it usually unlocks when you log in with your password).
        [refused] Ask IT to let Gatehouse use your keyring.
        [timed-out] It may be waiting for its password: look for a keyring prompt, or unlock your keyring.
       *[unavailable] The keyring service (such as GNOME Keyring or KWallet) may not be running: if this keeps happening, ask IT.
    }
notice-keychain-wipe-failed =
    You're signed out here, but the session could not be removed from the keychain because { $trouble ->
        [locked] your keyring is locked
        [refused] your keyring refused Gatehouse
        [timed-out] your keyring did not answer in time
       *[unavailable] no keyring could be reached
    }. { $trouble ->
        [locked] Unlock your keyring (it usually unlocks when you log in with your password).
        [refused] Ask IT to let Gatehouse use your keyring.
        [timed-out] It may be waiting for its password: look for a keyring prompt, or unlock your keyring.
       *[unavailable] The keyring service (such as GNOME Keyring or KWallet) may not be running: if this keeps happening, ask IT.
    } Then remove Gatehouse's entry from your keychain, or ask IT to.

## Launching

notice-waiting-for-keychain = Waiting for the system keychain to answer… If it keeps waiting, make sure your keyring is unlocked, then try again.
notice-waiting-for-sign-in-service = Waiting for the sign-in service to answer… Check your network connection, then try again.
notice-session-ended = Your session has ended (it expired or was signed out elsewhere). Sign in again.
# $organization: the organization as the configuration names it.
notice-organization-not-found = The sign-in service doesn't know your organization (“{ $organization }”). Ask IT to check Gatehouse's configuration.
# For IT, on the configuration screen. $what: slug or id; $value: the organization; $from: file
# (the setting is in file $file) or environment.
notice-organization-not-found-for-it =
    The sign-in service (Stytch) has no organization with the { $what ->
        [id] id
       *[slug] slug
    } "{ $value }" (set in { $from ->
        [file] { $file }
       *[environment] the environment (GATEHOUSE_ORGANIZATION_ID or GATEHOUSE_ORGANIZATION_SLUG)
    }). Ask IT to check Gatehouse's configuration.

## The email and its link

# $problem: empty, domain (the part after @ has no dot) or other.
notice-invalid-email =
    { $problem ->
        [empty] That email address can't be used: it is empty.
        [domain] That email address can't be used: the part after the @ must be a domain name with a dot.
       *[other] That email address can't be used: it is not a valid address. Check it for typos.
    }
notice-email-refused = The sign-in service does not accept that email address. Check it for typos.
notice-link-resent = We sent a new link to { $email }.
# $reason: not-ours, wrong-token-type or malformed.
notice-link-rejected =
    { $reason ->
        [not-ours] That link is not a Gatehouse sign-in link, so it was ignored.
        [wrong-token-type] That link is for another kind of sign-in than the email link, so it was ignored.
       *[malformed] That sign-in link is damaged or incomplete. Open the link from the email again, or paste all of it.
    }
notice-link-used = That link has already been used. Each sign-in link works once; use the newest email, or send a new link.
notice-link-not-expected = That sign-in link was not requested from this app, or its sign-in was cancelled. Enter your email to get a new one.
notice-link-other-device = This link was requested on another device or in another sign-in, so it can't finish this one. Start again here and use the link from the new email.
notice-link-expired = That link has expired or was already used. Send a new one.
notice-link-unknown = That link was not recognised. Use the newest email, or send a new link.
notice-link-forged = That link signs in someone else, not the address you entered, so it was refused. Use the link from your own email.
notice-primary-required = Your organization requires another way to sign in (such as SSO), which Gatehouse does not offer. Ask IT.
notice-unexpected-answer = The sign-in service answered in a way Gatehouse did not expect. Try again.
notice-sign-in-timed-out = This sign-in took longer than 10 minutes, so it expired. Start again: you'll get a new email.

## SMS codes

# $problem: empty, country-code (no + and country code), not-a-number or invalid.
notice-invalid-phone =
    { $problem ->
        [empty] That phone number can't be used: it is empty.
        [country-code] That phone number can't be used: it must start with + and the country code, such as +14155551234.
        [not-a-number] That phone number can't be used: it is not a phone number.
       *[invalid] That phone number can't be used: it is not a valid number for its country code.
    }
notice-phone-refused = That phone number can't be used. Check the country and the number.
notice-phone-country-not-allowed = Your organization can't send codes to that country. Use another number or ask IT.
notice-code-resent = We sent a new code. The earlier code no longer works.
notice-invalid-code = The code is the 6 digits from the SMS.
notice-wrong-code = That code isn't right. Check the SMS and try again.
# $left: how many more wrong codes lock the account (the same goes for the two below).
notice-wrong-code-near-lock =
    That code isn't right. Check the SMS and try again. { $left ->
        [one] One more wrong code locks your account.
       *[other] { $left } more wrong codes lock your account.
    }
notice-code-expired = That code has expired (codes last 2 minutes). Send a new one.

## Authenticator apps and recovery codes

notice-no-factor-allowed = Your organization requires a second step but allows no method Gatehouse offers. Ask IT.
notice-invalid-totp-code = The code is the 6 digits your authenticator app shows for this account.
notice-wrong-totp-code = That code isn't right. Check the app shows this account, wait for a new code, and try again.
notice-wrong-totp-code-near-lock =
    That code isn't right. Check the app shows this account, wait for a new code, and try again. { $left ->
        [one] One more wrong code locks your account.
       *[other] { $left } more wrong codes lock your account.
    }
notice-totp-code-used = That code was already used. Wait for your app to show the next one.
notice-totp-setup-expired = This setup took too long and expired. Start again: you'll get a new setup key.
notice-invalid-recovery-code = A recovery code is one of the codes you saved when you set up your authenticator app, like xxxx-xxxx-xxxx.
notice-wrong-recovery-code = That recovery code isn't right, or it was already used. Each code works once.
notice-wrong-recovery-code-near-lock =
    That recovery code isn't right, or it was already used. Each code works once. { $left ->
        [one] One more wrong code locks your account.
       *[other] { $left } more wrong codes lock your account.
    }
notice-method-not-allowed = Your organization doesn't allow that method. Choose another way.
notice-recovery-codes-renewed = Your new recovery codes are ready; the old ones no longer work.
notice-recovery-codes-lost = Your recovery codes were renewed just as you signed out, so the old ones no longer work and the new ones could not be shown. Sign in and get new ones.
# $renew: yes when the signed-in screen offers new codes, no when the person must sign in first.
notice-recovery-codes-unconfirmed =
    Last time, the recovery codes for { $email } were shown but you didn't confirm that you saved them. { $renew ->
        [yes] If you didn't keep them, choose New recovery codes below.
       *[no] If you didn't keep them, sign in with your authenticator app and choose New recovery codes.
    }
# $path: the file the person chose.
notice-recovery-codes-saved = Saved to { $path }.
# The first lines of a file of saved recovery codes (the codes follow, one a line).
notice-recovery-codes-file-header =
    Gatehouse recovery codes for { $email } ({ $organization }).
    Each code signs you in once, in place of your authenticator app. Keep them somewhere safe.

## Locks, limits and the service's trouble

notice-member-locked-until = Too many wrong codes: your account is locked. Try again when the time below has passed, or ask IT to unlock it.
notice-member-locked = Too many wrong codes: your account is locked for a while. Try again later, or ask IT to unlock it.
notice-rate-limited = Too many attempts in a short time. Wait for the countdown below, then try again.
notice-app-refused = Gatehouse is not set up correctly: the sign-in service refused its credentials. Ask IT to check the project id and public token.
notice-service-down = The sign-in service is having trouble right now. Nothing was lost: try again in a minute.
notice-network-down = The sign-in service can't be reached. Check your network connection, then try again: nothing was lost.
notice-service-trouble = Something went wrong with the sign-in service. Try again.
notice-revoke-pending = You're signed out on this computer. The sign-in service could not be reached, so your session there will be ended as soon as it can be.
# The project's setup is wrong: the member cannot fix it. $fix is IT's instruction, in English
# like the dashboard it names (also what `gatehouse doctor` says).
notice-project-refusal = Signing in is not set up correctly for your organization yet, so it can't finish. Ask IT to fix it — for IT: { $fix }

## The workspace

# The workspace's page could not be loaded, and why, on the signed-in screen.
# $workspace: its name. $cause: address, certificate, server or other.
notice-workspace-failed =
    { $cause ->
        [address] { $workspace } couldn't be opened: its address could not be found (no network, or a name the network does not know). Check your connection, then try again.
        [certificate] { $workspace } couldn't be opened: its security certificate was not accepted. Check your connection, then try again.
        [server] { $workspace } couldn't be opened: its server did not answer. Check your connection, then try again.
       *[other] { $workspace } couldn't be opened: the page could not be loaded. Check your connection, then try again.
    }

## The signed-in screen's list of how the person signed in

notice-factor-email = Email link
# $phone: the number's last four digits, masked (••• 1234).
notice-factor-sms = SMS code to { $phone }
notice-factor-totp = Authenticator app
notice-factor-recovery-code = Recovery code

## A command the window asked for could not run

# $reason: the system's own words (in parentheses).
notice-command-save-failed = The recovery codes could not be saved there ({ $reason }). Choose another place, or copy them.
notice-command-codes-gone = The recovery codes could not be saved: they are no longer on screen.
notice-command-not-configured = Gatehouse is not configured, so it cannot do that. The screen says what IT needs to fix.
