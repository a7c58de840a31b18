# Die Fehler der Konfiguration: auf der Seite „Gatehouse ist nicht richtig eingerichtet“ (die
# Mitarbeitende an die IT schicken) sowie in `gatehouse doctor` und `gatehouse token`. Die
# betroffene Datei steht neben dem Satz. Schlüssel (`[stytch] project_id`), Dateien,
# Umgebungsvariablen und Werte wie `public-token-…` werden nie übersetzt.

## Nichts festgelegt

config-no-configuration =
    { $setting ->
        [public-token] Es wurde keine Konfiguration gefunden. Die IT legt sie unter { $system_file } ab; sie muss { $key } enthalten (oder, nur für die Entwicklung, { $variable } in der Umgebung).
        [organization] Es wurde keine Konfiguration gefunden. Die IT legt sie unter { $system_file } ab; sie muss { $key } oder { $other_key } enthalten.
       *[key] Es wurde keine Konfiguration gefunden. Die IT legt sie unter { $system_file } ab; sie muss { $key } enthalten.
    }
config-not-set =
    { $setting ->
        [public-token] { $key } ist nicht festgelegt (oder, nur für die Entwicklung, { $variable } in der Umgebung)
        [organization] Weder { $key } noch { $other_key } ist festgelegt
       *[key] { $key } ist nicht festgelegt
    }

## Ein unbrauchbarer Wert (nie wiederholt: Es könnte ein Secret im falschen Schlüssel sein)

config-identifier-invalid =
    { $problem ->
        [empty] { $key } ist leer
        [characters] { $key } darf nur Buchstaben, Ziffern sowie '-', '_', '.' und '~' enthalten
        [not-project-id] { $key } ist keine Stytch-Projekt-ID (project-test-… oder project-live-…)
        [not-organization-id] { $key } ist keine Stytch-Organisations-ID (organization-…)
        [too-long] { $key } ist länger als 128 Zeichen
       *[other] { $key } ist ungültig
    }
config-public-token-invalid = { $key } ist kein öffentliches Stytch-Token (public-token-…)
config-url-invalid =
    { $problem ->
        [not-a-url] { $key } ist keine URL
        [plain-http] { $key } muss https verwenden (unverschlüsseltes http nur zu diesem Computer)
       *[not-https] { $key } muss eine https-URL sein
    }
config-origin-invalid =
    { $problem ->
        [not-a-url] { $key }: Ein Eintrag ist keine URL
       *[plain-http] { $key }: Ein Eintrag muss https verwenden (unverschlüsseltes http nur zu diesem Computer)
    }
config-scheme-invalid = { $key } ist kein verwendbares URL-Schema (Kleinbuchstaben, Ziffern, +, -, .)
config-number-out-of-range =
    { $setting ->
        [lock-threshold] { $key } muss eine ganze Zahl von { $min } bis { $max } sein, und zwar der im Projekt eingestellte Wert
       *[minutes] { $key } muss eine ganze Zahl von { $min } bis { $max } sein
    }
config-seconds-invalid = { $variable } muss eine ganze Zahl von Sekunden sein, mindestens 1

## Nur die Datei der IT

config-system-file-only =
    { $decides ->
        [session] { $key } darf nur in der Systemdatei ({ $system_file }) festgelegt werden, denn diese Einstellung bestimmt, wohin die Sitzung übermittelt wird. Für die Entwicklung setzen Sie { $switch }=1 in der Umgebung.
       *[tokens] { $key } darf nur in der Systemdatei ({ $system_file }) festgelegt werden, denn diese Einstellung bestimmt, wohin jedes Token gesendet wird. Für die Entwicklung setzen Sie { $switch }=1 in der Umgebung.
    }
config-cap-system-file-only = { $key } ist die Obergrenze der IT für die Sitzungsdauer und wird nur aus der Systemdatei ({ $system_file }) gelesen: Entfernen Sie die Einstellung hier

## Die Dateien

config-file-unreadable = Die Datei kann nicht gelesen werden: { $error }
config-file-invalid =
    { $problem ->
        [toml] Die Datei ist ungültig: { $error }
        [enforced-not-strings] Die Datei ist ungültig: { $key } muss die Schlüssel als Zeichenketten aufführen
        [unknown-setting] Die Datei ist ungültig: unbekannte Einstellung `{ $key }`
        [origins-not-strings] Die Datei ist ungültig: `{ $key }` muss die Origins als Zeichenketten aufführen
       *[wrong-type] Die Datei ist ungültig: `{ $key }` hat den falschen Typ
    }
config-enforces-unknown-key = Die Datei erzwingt „{ $key }“, doch das ist keine Einstellung von Gatehouse
config-secret-in-file = Die Datei enthält einen geheimen Stytch-Projektschlüssel (Secret). Mit ihm lässt sich jeder Admin-Endpunkt des Projekts aufrufen, deshalb liest Gatehouse ihn nie aus einer Datei: Entfernen Sie ihn und verwenden Sie stattdessen das öffentliche Token ({ $key }). Für die Entwicklung setzen Sie { $variable } in der Umgebung.
config-user-file-enforces = Die Datei führt „{ $key }“-Schlüssel auf; nur die Systemdatei darf Einstellungen erzwingen
config-file-missing = Die Datei existiert nicht ({ $variable } verweist auf sie)

## Stytch

config-no-client = Gatehouse kann mit dieser Konfiguration nicht mit Stytch kommunizieren: { $error }
