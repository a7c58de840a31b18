# The configuration's errors: shown on the configuration error screen (read by the employee, who
# sends it to IT) and by `gatehouse doctor` and `gatehouse token`. The file at fault is shown
# next to the sentence, so a sentence about a file has no subject ("cannot be read: …").
# Keys (`[stytch] project_id`), files, environment variables and values such as
# `public-token-…` are arguments or written as they are: they are never translated.

## Nothing set

# A required setting, and no configuration file at all.
config-no-configuration =
    { $setting ->
        [public-token] No configuration was found. IT installs it at { $system_file }; it needs { $key } (or, for development only, { $variable } in the environment).
        [organization] No configuration was found. IT installs it at { $system_file }; it needs { $key } or { $other_key }.
       *[key] No configuration was found. IT installs it at { $system_file }; it needs { $key }.
    }
# A required setting that no file and no environment variable set.
config-not-set =
    { $setting ->
        [public-token] { $key } (or, for development only, { $variable } in the environment) is not set
        [organization] { $key } or { $other_key } is not set
       *[key] { $key } is not set
    }

## A value that is not usable (never repeated: it may be a secret pasted into the wrong key)

# A project id, organization id or slug: what is wrong with it.
config-identifier-invalid =
    { $problem ->
        [empty] { $key }: it is empty
        [characters] { $key }: it may contain only letters, digits, '-', '_', '.', '~'
        [not-project-id] { $key }: it is not a Stytch project id (project-test-… or project-live-…)
        [not-organization-id] { $key }: it is not a Stytch organization id (organization-…)
        [too-long] { $key }: it is longer than 128 characters
       *[other] { $key }: it is not valid
    }
config-public-token-invalid = { $key } is not a Stytch public token (public-token-…)
config-url-invalid =
    { $problem ->
        [not-a-url] { $key } is not a URL
        [plain-http] { $key } must use https (plain http only to this computer)
       *[not-https] { $key } must be an https URL
    }
# One entry of the list of origins the workspace may go to.
config-origin-invalid =
    { $problem ->
        [not-a-url] { $key }: an entry is not a URL
       *[plain-http] { $key }: an entry must use https (plain http only to this computer)
    }
config-scheme-invalid = { $key } is not a usable URL scheme (lowercase letters, digits, +, -, .)
config-number-out-of-range =
    { $setting ->
        [lock-threshold] { $key } must be a whole number from { $min } to { $max }, the project's setting
       *[minutes] { $key } must be a whole number from { $min } to { $max }
    }
# A development-only environment variable (a number of seconds).
config-seconds-invalid = { $variable } must be a whole number of seconds, at least 1

## Only IT's file

# $decides: what the setting decides, where every token goes or where the session goes.
config-system-file-only =
    { $decides ->
        [session] { $key } may be set only in the system file ({ $system_file }): it decides where the session goes. For development, set { $switch }=1 in the environment.
       *[tokens] { $key } may be set only in the system file ({ $system_file }): it decides where every token goes. For development, set { $switch }=1 in the environment.
    }
config-cap-system-file-only = { $key } is IT's cap on the session and is read only from the system file ({ $system_file }): remove it here

## The files

# $error: the system's own words.
config-file-unreadable = cannot be read: { $error }
# $error: the TOML parser's own words.
config-file-invalid =
    { $problem ->
        [toml] is not valid: { $error }
        [enforced-not-strings] is not valid: { $key } lists keys as strings
        [unknown-setting] is not valid: unknown setting `{ $key }`
        [origins-not-strings] is not valid: `{ $key }` lists origins as strings
       *[wrong-type] is not valid: `{ $key }` has the wrong type
    }
config-enforces-unknown-key = enforces "{ $key }", which is not a Gatehouse setting
config-secret-in-file = holds a Stytch project secret. A secret can call every admin endpoint of the project, so Gatehouse never reads one from a file: remove it and use the public token ({ $key }). For development, set { $variable } in the environment.
config-user-file-enforces = lists "{ $key }" keys; only the system file may enforce settings
# The file the environment variable names.
config-file-missing = does not exist ({ $variable } names it)

## Stytch

# The configuration loaded, but the client for Stytch could not be made. $error: its own words.
config-no-client = Gatehouse cannot talk to Stytch with this configuration: { $error }
