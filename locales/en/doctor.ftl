# `gatehouse doctor`: read by whoever checks the computer, often IT, so it names Stytch, the
# configuration's keys and the commands to run.

## The report

# One line of the report: ✓ or ✗, the check's name, what was found.
doctor-report-line = { $mark } { $check }: { $detail }
# Under a failed check: what to do about it.
doctor-report-fix = fix: { $fix }
doctor-report-settings = settings (where each key came from):
# Where a setting came from, when no file set it.
doctor-report-from-default = default
doctor-report-from-environment = environment ({ $variable })
doctor-report-enforced = [enforced by IT]

## The checks' names

doctor-check-configuration = configuration
doctor-check-stytch = stytch
doctor-check-clock = clock
doctor-check-organization = organization
doctor-check-app-identifier = app identifier
doctor-check-email-links = email links
doctor-check-sms-codes = sms codes
doctor-check-authenticator-apps = authenticator apps
doctor-check-authenticator-setup = authenticator setup
doctor-check-keychain = keychain
doctor-check-deep-link = deep link
doctor-check-single-instance = single instance

## The configuration

doctor-configuration-loaded =
    loaded from { $files }; { $enforced ->
        [one] one key enforced by IT
       *[other] { $enforced } keys enforced by IT
    }
doctor-configuration-loaded-from-environment =
    loaded from the environment; { $enforced ->
        [one] one key enforced by IT
       *[other] { $enforced } keys enforced by IT
    }
# $error: what is wrong; $file: the file at fault.
doctor-configuration-failed-in = { $error } ({ $file })
doctor-configuration-fix = Fix the file named, or ask IT for { $file }

## Stytch

doctor-stytch-no-client = no client for this configuration: { $error }
doctor-stytch-no-client-fix = Check [stytch] in the configuration
# $transport: "tls", or "plain" (http to this computer, in development).
doctor-stytch-answered =
    { $transport ->
        [tls] { $host } answered over TLS in { $ms } ms ({ $keys ->
            [one] one signing key
           *[other] { $keys } signing keys
        })
       *[plain] { $host } answered over plain http to this computer (development) in { $ms } ms ({ $keys ->
            [one] one signing key
           *[other] { $keys } signing keys
        })
    }
# A Stytch call failed: the host and the error.
doctor-stytch-failed = { $host }: { $error }
doctor-stytch-could-not-start = could not start: { $error }
doctor-stytch-could-not-start-fix = Report this
doctor-fix-network = Check the network, DNS and any proxy: { $host } must be reachable over HTTPS (a company TLS root must be in the system's store)
doctor-fix-credentials = Check [stytch] project_id and public_token (Stytch dashboard → API keys)
doctor-fix-stytch-trouble = Stytch is having trouble: try again in a few minutes
doctor-fix-check-credentials = Check [stytch] project_id and public_token

## The clock

doctor-clock-within = within { $seconds } s of Stytch's
doctor-clock-skewed = { $seconds } s from Stytch's (more than { $max } s breaks sign-in)
doctor-clock-skewed-fix = Set the clock automatically (timedatectl set-ntp true, or the system settings)
doctor-clock-no-date = Stytch's answer had no Date header
doctor-clock-no-date-fix = A proxy between here and Stytch may strip it: check the proxy
doctor-clock-not-checked = not checked: Stytch did not answer
doctor-clock-not-checked-fix = Fix the Stytch check first

## The organization

doctor-organization-by-id = configured by id: Stytch's SDK API has no lookup by id before sign-in, so the organization and the public token are first checked when someone signs in
doctor-organization-found-by-search = "{ $name }" found by POST /sdk/v1/b2b/organizations/search; the public token was accepted
doctor-organization-found-by-get = "{ $name }" found by GET /v1/b2b/organizations (development: project secret)
doctor-organization-no-slug = Stytch has no organization with the slug "{ $slug }"
doctor-organization-unknown = Stytch has no organization "{ $organization }"
# $from: "file" (then $file names it) or "environment".
doctor-organization-slug-fix =
    { $from ->
        [file] Check [organization] slug (set in { $file })
       *[environment] Check [organization] slug (set in the environment: GATEHOUSE_ORGANIZATION_ID or GATEHOUSE_ORGANIZATION_SLUG)
    }
doctor-organization-fix =
    { $from ->
        [file] Check [organization] (set in { $file })
       *[environment] Check [organization] (set in the environment: GATEHOUSE_ORGANIZATION_ID or GATEHOUSE_ORGANIZATION_SLUG)
    }

## The project's SDK configuration, one switch a check

doctor-sdk-app-identifier-on = “{ $identifier }” is authorized and the public token accepted (organizations/search)
doctor-sdk-email-links-on = on; a { $minutes }-minute session is within the project's maximum; no captcha demanded
doctor-sdk-on = on
doctor-sdk-authenticator-setup-on = on (members can set up an authenticator app)
# $fix: what IT changes in the Stytch project.
doctor-sdk-fix-authenticator = { $fix } (Needed only if the organization allows authenticator apps.)
# $reason: Stytch's error_type.
doctor-sdk-refused-because = Stytch refused it: { $reason }
doctor-sdk-refused = Stytch refused it
doctor-sdk-public-token-refused = Stytch refused the public token
doctor-sdk-not-checked = not checked: { $error }

## The keychain

doctor-keychain-ok = a probe entry was written, read back and deleted
doctor-keychain-differs = a probe entry read back differently
doctor-keychain-differs-fix = Check the keyring (Secret Service) for errors
doctor-keychain-unavailable-fix = Install and start a Secret Service keyring (gnome-keyring or KWallet) in the desktop session, with a default keyring (Passwords and Keys can create one)
doctor-keychain-locked-fix = Unlock the keyring (Passwords and Keys, or log in again with the account's password), then run gatehouse doctor again
doctor-keychain-refused-fix = The keyring denied access: allow Gatehouse in its settings or access policy, and remove any duplicate Gatehouse entries
doctor-keychain-timed-out-fix = Unlock the keyring: it may be waiting for a password prompt

## The deep link

doctor-deep-link-register-fix = xdg-mime default gatehouse.desktop { $mime } (or reinstall the package)
doctor-deep-link-no-handler = no handler for { $scheme }:// links
doctor-deep-link-xdg-fix = Install xdg-utils
doctor-deep-link-no-exec = { $scheme }:// opens { $entry }, which was not found or has no Exec line
doctor-deep-link-this-binary = { $scheme }:// opens { $entry }, which runs this binary
doctor-deep-link-through-launcher = { $scheme }:// opens { $entry }, which runs this binary through { $launcher }
doctor-deep-link-other-binary = { $scheme }:// opens { $entry }, which runs { $exec }, not this binary ({ $this })
doctor-deep-link-by-installer = { $scheme }:// is registered by the installer on this system (not checked here)

## The single-instance name

doctor-single-instance-no-bus = the session bus did not answer: { $error }
doctor-single-instance-no-bus-fix = Start Gatehouse from a desktop session (it needs the D-Bus session bus)
doctor-single-instance-no-gdbus = gdbus could not be run: { $error }
doctor-single-instance-no-gdbus-fix = Install libglib2.0-bin
doctor-single-instance-free = { $name } is free: no Gatehouse window is open
doctor-single-instance-held = { $name } is held by a running Gatehouse (pid { $pid })
doctor-single-instance-held-by-other = { $name } is held by another program ({ $program })
doctor-single-instance-held-by-unknown = { $name } is held by another program (unknown)
doctor-single-instance-held-by-other-fix = Quit that program: links would go to it instead of Gatehouse
doctor-single-instance-not-checked = not checked on this system
