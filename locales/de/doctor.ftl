# `gatehouse doctor`: gelesen von dem, der den Computer prüft, oft der IT; nennt daher Stytch,
# die Schlüssel der Konfiguration und die auszuführenden Befehle.

## Der Bericht

# Eine Zeile des Berichts: ✓ oder ✗, der Name der Prüfung, was sie ergab.
doctor-report-line = { $mark } { $check }: { $detail }
# Unter einer fehlgeschlagenen Prüfung: was zu tun ist.
doctor-report-fix = Abhilfe: { $fix }
doctor-report-settings = Einstellungen (woher jeder Schlüssel stammt):
# Woher eine Einstellung stammt, wenn keine Datei sie gesetzt hat.
doctor-report-from-default = Standardwert
doctor-report-from-environment = Umgebung ({ $variable })
doctor-report-enforced = [von der IT festgelegt]

## Die Namen der Prüfungen

doctor-check-configuration = Konfiguration
doctor-check-stytch = Stytch
doctor-check-clock = Uhr
doctor-check-organization = Organisation
doctor-check-app-identifier = App-Kennung
doctor-check-email-links = E-Mail-Links
doctor-check-sms-codes = SMS-Codes
doctor-check-authenticator-apps = Authentifizierungs-Apps
doctor-check-authenticator-setup = Einrichtung von Authentifizierungs-Apps
doctor-check-keychain = Schlüsselbund
doctor-check-deep-link = Deep Link
doctor-check-single-instance = Einzelinstanz

## Die Konfiguration

doctor-configuration-loaded =
    geladen aus { $files }; { $enforced ->
        [one] ein Schlüssel von der IT festgelegt
       *[other] { $enforced } Schlüssel von der IT festgelegt
    }
doctor-configuration-loaded-from-environment =
    geladen aus der Umgebung; { $enforced ->
        [one] ein Schlüssel von der IT festgelegt
       *[other] { $enforced } Schlüssel von der IT festgelegt
    }
# $error: was nicht stimmt; $file: die betroffene Datei.
doctor-configuration-failed-in = { $error } ({ $file })
doctor-configuration-fix = Korrigieren Sie die genannte Datei oder wenden Sie sich wegen { $file } an die IT

## Stytch

doctor-stytch-no-client = kein Client mit dieser Konfiguration möglich: { $error }
doctor-stytch-no-client-fix = Prüfen Sie [stytch] in der Konfiguration
# $transport: "tls" oder "plain" (http zu diesem Computer, in der Entwicklung).
doctor-stytch-answered =
    { $transport ->
        [tls] { $host } hat über TLS in { $ms } ms geantwortet ({ $keys ->
            [one] ein Signaturschlüssel
           *[other] { $keys } Signaturschlüssel
        })
       *[plain] { $host } hat über unverschlüsseltes http zu diesem Computer (Entwicklung) in { $ms } ms geantwortet ({ $keys ->
            [one] ein Signaturschlüssel
           *[other] { $keys } Signaturschlüssel
        })
    }
# Ein Aufruf bei Stytch ist fehlgeschlagen: der Host und der Fehler.
doctor-stytch-failed = { $host }: { $error }
doctor-stytch-could-not-start = konnte nicht starten: { $error }
doctor-stytch-could-not-start-fix = Melden Sie diesen Fehler
doctor-fix-network = Prüfen Sie Netzwerk, DNS und einen etwaigen Proxy: { $host } muss über HTTPS erreichbar sein (ein firmeneigenes TLS-Stammzertifikat muss im Zertifikatsspeicher des Systems liegen)
doctor-fix-credentials = Prüfen Sie [stytch] project_id und public_token (Stytch-Dashboard → API keys)
doctor-fix-stytch-trouble = Stytch hat gerade Probleme: Versuchen Sie es in ein paar Minuten erneut
doctor-fix-check-credentials = Prüfen Sie [stytch] project_id und public_token

## Die Uhr

doctor-clock-within = höchstens { $seconds } s von der Uhr von Stytch entfernt
doctor-clock-skewed = { $seconds } s von der Uhr von Stytch entfernt (mehr als { $max } s verhindern die Anmeldung)
doctor-clock-skewed-fix = Stellen Sie die Uhr automatisch (timedatectl set-ntp true oder in den Systemeinstellungen)
doctor-clock-no-date = Die Antwort von Stytch hatte keinen Date-Header
doctor-clock-no-date-fix = Ein Proxy zwischen diesem Computer und Stytch entfernt ihn möglicherweise: Prüfen Sie den Proxy
doctor-clock-not-checked = nicht geprüft: Stytch hat nicht geantwortet
doctor-clock-not-checked-fix = Beheben Sie zuerst das Problem der Stytch-Prüfung

## Die Organisation

doctor-organization-by-id = per ID konfiguriert: Die SDK-API von Stytch kann eine Organisation vor der Anmeldung nicht per ID suchen, daher werden Organisation und öffentliches Token erst bei der ersten Anmeldung geprüft
doctor-organization-found-by-search = „{ $name }“ gefunden über POST /sdk/v1/b2b/organizations/search; das öffentliche Token wurde akzeptiert
doctor-organization-found-by-get = „{ $name }“ gefunden über GET /v1/b2b/organizations (Entwicklung: Projekt-Secret)
doctor-organization-no-slug = Stytch kennt keine Organisation mit dem Slug „{ $slug }“
doctor-organization-unknown = Stytch kennt keine Organisation „{ $organization }“
# $from: "file" (dann nennt $file die Datei) oder "environment".
doctor-organization-slug-fix =
    { $from ->
        [file] Prüfen Sie [organization] slug (gesetzt in { $file })
       *[environment] Prüfen Sie [organization] slug (gesetzt in der Umgebung: GATEHOUSE_ORGANIZATION_ID oder GATEHOUSE_ORGANIZATION_SLUG)
    }
doctor-organization-fix =
    { $from ->
        [file] Prüfen Sie [organization] (gesetzt in { $file })
       *[environment] Prüfen Sie [organization] (gesetzt in der Umgebung: GATEHOUSE_ORGANIZATION_ID oder GATEHOUSE_ORGANIZATION_SLUG)
    }

## Die SDK-Konfiguration des Projekts, eine Prüfung je Schalter

doctor-sdk-app-identifier-on = „{ $identifier }“ ist autorisiert und das öffentliche Token wurde akzeptiert (organizations/search)
doctor-sdk-email-links-on = aktiv; eine Sitzung von { $minutes } Minuten liegt innerhalb des Höchstwerts des Projekts; kein Captcha verlangt
doctor-sdk-on = aktiv
doctor-sdk-authenticator-setup-on = aktiv (Mitglieder können eine Authentifizierungs-App einrichten)
# $fix: was die IT im Stytch-Projekt ändert.
doctor-sdk-fix-authenticator = { $fix } (Nur nötig, wenn die Organisation Authentifizierungs-Apps zulässt.)
# $reason: der error_type von Stytch.
doctor-sdk-refused-because = Stytch hat abgelehnt: { $reason }
doctor-sdk-refused = Stytch hat abgelehnt
doctor-sdk-public-token-refused = Stytch hat das öffentliche Token abgelehnt
doctor-sdk-not-checked = nicht geprüft: { $error }

## Der Schlüsselbund

doctor-keychain-ok = ein Testeintrag wurde geschrieben, zurückgelesen und gelöscht
doctor-keychain-differs = ein Testeintrag wurde abweichend zurückgelesen
doctor-keychain-differs-fix = Prüfen Sie den Schlüsselbund (Secret Service) auf Fehler
doctor-keychain-unavailable-fix = Installieren und starten Sie in der Desktop-Sitzung einen Secret-Service-Schlüsselbund (gnome-keyring oder KWallet) mit einem Standard-Schlüsselbund („Passwörter und Verschlüsselung“ kann einen anlegen)
doctor-keychain-locked-fix = Entsperren Sie den Schlüsselbund („Passwörter und Verschlüsselung“ oder erneutes Anmelden mit dem Passwort des Kontos) und führen Sie dann gatehouse doctor erneut aus
doctor-keychain-refused-fix = Der Schlüsselbund hat den Zugriff verweigert: Erlauben Sie Gatehouse in seinen Einstellungen oder seiner Zugriffsrichtlinie und entfernen Sie doppelte Gatehouse-Einträge
doctor-keychain-timed-out-fix = Entsperren Sie den Schlüsselbund: Er wartet möglicherweise auf eine Passworteingabe

## Der Deep Link

doctor-deep-link-register-fix = xdg-mime default gatehouse.desktop { $mime } (oder installieren Sie das Paket neu)
doctor-deep-link-no-handler = kein Programm für { $scheme }://-Links registriert
doctor-deep-link-xdg-fix = Installieren Sie xdg-utils
doctor-deep-link-no-exec = { $scheme }:// öffnet { $entry }, das nicht gefunden wurde oder keine Exec-Zeile hat
doctor-deep-link-this-binary = { $scheme }:// öffnet { $entry }, das dieses Programm ausführt
doctor-deep-link-through-launcher = { $scheme }:// öffnet { $entry }, das dieses Programm über { $launcher } ausführt
doctor-deep-link-other-binary = { $scheme }:// öffnet { $entry }, das { $exec } ausführt, nicht dieses Programm ({ $this })
doctor-deep-link-by-installer = { $scheme }:// wird auf diesem System vom Installationsprogramm registriert (hier nicht geprüft)

## Der Name der Einzelinstanz

doctor-single-instance-no-bus = der Sitzungsbus hat nicht geantwortet: { $error }
doctor-single-instance-no-bus-fix = Starten Sie Gatehouse aus einer Desktop-Sitzung (es braucht den D-Bus-Sitzungsbus)
doctor-single-instance-no-gdbus = gdbus konnte nicht ausgeführt werden: { $error }
doctor-single-instance-no-gdbus-fix = Installieren Sie libglib2.0-bin
doctor-single-instance-free = { $name } ist frei: Kein Gatehouse-Fenster ist geöffnet
doctor-single-instance-held = { $name } gehört einem laufenden Gatehouse (PID { $pid })
doctor-single-instance-held-by-other = { $name } gehört einem anderen Programm ({ $program })
doctor-single-instance-held-by-unknown = { $name } gehört einem anderen Programm (unbekannt)
doctor-single-instance-held-by-other-fix = Beenden Sie dieses Programm: Links würden sonst dort statt in Gatehouse ankommen
doctor-single-instance-not-checked = auf diesem System nicht geprüft
