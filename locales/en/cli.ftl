# The command line: `gatehouse --help`, `gatehouse token`, and the app's menu. Read in a
# terminal by whoever runs a script or sets up the computer.

## gatehouse --help

cli-help =
    Gatehouse signs you in to your company's Stytch organization.

    Usage:
      gatehouse                  open the Gatehouse window
      gatehouse token            print a session JWT valid for at least 60 more seconds
      gatehouse token --json     the same as JSON: jwt, expires_at, member_id, organization_id, email
      gatehouse doctor           check this computer: configuration, Stytch, clock, keychain, links
      gatehouse doctor --json    the same as JSON
      gatehouse --help           this text

    `gatehouse token` uses the session kept in the keychain, whether or not the window is open; it
    never prints the session token. Exit status: 0 printed; 1 another failure; 2 not signed in;
    3 Stytch unreachable; 4 configuration error; 64 unknown option. `gatehouse doctor` exits 0
    only when every check passes, and never prints a secret.
# An option a command does not take; $got: what was given.
cli-usage-token = gatehouse token takes only --json (got: { $got }). See gatehouse --help.
cli-usage-doctor = gatehouse doctor takes only --json (got: { $got }). See gatehouse --help.
cli-write-failed = gatehouse: could not write the answer: { $error }

## gatehouse token: one sentence on stderr when there is no token

# $reason: one of the sentences below.
token-failed = gatehouse token: { $reason }
token-could-not-start = Gatehouse could not start: { $error }.
# $error: what is wrong with the configuration; $file: the file at fault.
token-config-unusable-in = Gatehouse's configuration is not usable: { $error } (in { $file }).
token-config-unusable = Gatehouse's configuration is not usable: { $error }.
token-no-client = Gatehouse cannot talk to Stytch with this configuration: { $error }.
token-not-signed-in = You are not signed in to Gatehouse. Open Gatehouse, sign in, then try again.
token-keychain-unreadable = Your saved sign-in could not be read: { $error }.
# $notice: the window's sentence that the session has ended.
token-session-ended = { $notice } Open Gatehouse to sign in.
token-jwt-unverified = Stytch's session JWT did not verify: { $reason }.
token-jwt-names-another = Stytch's session JWT names another member or organization than the session.
token-jwt-no-expiry = Stytch's session JWT has no usable expiry.
token-jwt-expires-too-soon = Stytch's session JWT expires in { $left } s, under the { $promised } s promised: is this computer's clock right?
# $notice: the window's sentence about it; $error: Stytch's answer, for IT.
token-stytch-failure = { $notice } ({ $error })

## The app's menu

menu-app = Gatehouse
menu-sign-out = Sign out
menu-recovery-codes = New recovery codes…
menu-quit = Quit Gatehouse
