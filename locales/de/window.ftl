# Das Fenster: sein Titel für jeden Bildschirm (Fensterwechsler und Bildschirmleser lesen ihn).
window-title = Gatehouse

## Der Rahmen des Fensters: was bei jedem Bildschirm bleibt.

# Nur in Entwicklungs-Builds; nennt den Dienst des Emulators mit Absicht (Entwickler lesen es).
ui-dev-mode = Entwicklungsmodus: Ein Projekt-Secret oder eine Stytch-Entwicklungsadresse wird verwendet. Diese Konfiguration darf nie ausgeliefert werden.
ui-working = Wird bearbeitet …
ui-loading = Wird geladen …
ui-screen-load-failed = Dieser Bildschirm konnte nicht geladen werden ({ $error }). Starten Sie Gatehouse neu.
ui-ipc-failed = Gatehouse konnte das nicht ausführen ({ $error }). Versuchen Sie es erneut; besteht das Problem weiter, starten Sie Gatehouse neu.
ui-start-failed = Gatehouse konnte sein Fenster nicht starten ({ $error }). Starten Sie Gatehouse neu.
ui-unknown-screen-title = Gatehouse muss aktualisiert werden
ui-unknown-screen = Dieses Fenster kennt den Bildschirm „{ $screen }“ nicht. Starten Sie Gatehouse neu; besteht das Problem weiter, bitten Sie die IT, Gatehouse zu aktualisieren.

## Der Hinweisbereich über jedem Bildschirm.

ui-notice-reference = Referenz: { $code }
ui-notice-start-again = Von vorn beginnen
ui-notice-try-again = Erneut versuchen
ui-notice-retry-in = Sie können es in { $countdown } erneut versuchen.
ui-notice-retry-now = Sie können es jetzt erneut versuchen.

## Von mehreren Bildschirmen geteilt.

ui-signing-in-as = Anmeldung als { $email }.
ui-not-you = Nicht Sie? Andere E-Mail-Adresse verwenden
ui-other-ways = Anderen Weg wählen
ui-factor-sms = SMS an Ihr Telefon
ui-factor-totp = Authentifizierungs-App
ui-factor-recovery-code = Wiederherstellungscode
ui-verify = Bestätigen
ui-continue = Weiter
ui-code-incomplete-totp = Geben Sie den 6-stelligen Code ein, den Ihre Authentifizierungs-App anzeigt.

## Start.

ui-starting = Ihre Sitzung wird wiederhergestellt …

## Die Konfiguration ist fehlerhaft.

ui-config-error-title = Gatehouse ist nicht richtig eingerichtet
ui-config-error-lede = Die Konfiguration enthält einen Fehler, deshalb kann Gatehouse Sie nicht anmelden. Ihre IT-Abteilung muss das beheben: Schicken Sie ihr die folgenden Angaben.
ui-config-error-file = Datei
ui-config-error-problem = Problem
ui-config-error-no-file = keine Konfigurationsdatei
ui-config-error-hint = Sobald die IT den Fehler behoben hat, schließen Sie Gatehouse und öffnen Sie es erneut.

## Mit einer E-Mail-Adresse anmelden.

ui-sign-in-title-organization = Bei { $organization } anmelden
ui-sign-in-title = Mit Ihrer geschäftlichen E-Mail-Adresse anmelden
ui-sign-in-email = Geschäftliche E-Mail-Adresse
ui-sign-in-email-hint = Wir senden Ihnen einen Link per E-Mail. Öffnen Sie ihn auf diesem Computer, um sich anzumelden.
ui-sign-in-submit = Anmeldelink per E-Mail senden
ui-email-empty = Geben Sie Ihre geschäftliche E-Mail-Adresse ein.
ui-email-too-long = Diese E-Mail-Adresse ist zu lang.
ui-email-invalid = Das sieht nicht nach einer E-Mail-Adresse aus. Prüfen Sie sie und versuchen Sie es erneut (etwa so: name@firma.de).

## E-Mail prüfen.

ui-check-email-title = Prüfen Sie Ihr E-Mail-Postfach
ui-check-email-failed-title = Ihr Link konnte nicht geprüft werden
ui-check-email-lede = Wir haben einen Anmeldelink an { $email } gesendet. Öffnen Sie ihn auf diesem Computer, um fortzufahren.
ui-check-email-failed-lede = Ihr Anmeldelink ist angekommen, aber der Anmeldedienst konnte ihn nicht prüfen. Versuchen Sie es erneut: Nichts ist verloren, und Sie brauchen keine neue E-Mail.
ui-check-email-sent-at = Gesendet am { $time }. Es kann eine Minute dauern, bis die E-Mail ankommt; sehen Sie auch im Spam-Ordner nach.
ui-check-email-resend = Link erneut senden
ui-check-email-resend-wait = Erneutes Senden in { $countdown } möglich
ui-check-email-use-another = Andere Adresse verwenden
ui-check-email-paste = Link stattdessen einfügen
ui-check-email-link = Anmeldelink
ui-check-email-link-hint = Falls Sie nach dem Öffnen des Links nicht hierher zurückkehren, kopieren Sie ihn aus der E-Mail (Rechtsklick darauf, „Link kopieren“) und fügen Sie ihn hier ein.
ui-check-email-link-submit = Mit diesem Link fortfahren
ui-link-empty = Fügen Sie zuerst den Anmeldelink aus der E-Mail ein.
ui-link-invalid = Das ist kein Link. Kopieren Sie den ganzen Link aus der E-Mail (Rechtsklick darauf, „Link kopieren“).

## Mobiltelefon hinzufügen.

ui-enroll-phone-title = Mobiltelefon hinzufügen
ui-enroll-phone-lede-organization = { $organization } verlangt bei jeder Anmeldung einen Code per SMS. An welche Mobilnummer sollen wir ihn senden?
ui-enroll-phone-lede = Ihre Organisation verlangt bei jeder Anmeldung einen Code per SMS. An welche Mobilnummer sollen wir ihn senden?
ui-enroll-phone-country = Land
ui-enroll-phone-number = Mobilnummer
ui-enroll-phone-hint = Geben Sie sie so ein, wie Sie sie im Inland wählen würden, oder beginnen Sie mit + und der Ländervorwahl.
ui-enroll-phone-submit = Code per SMS senden
ui-phone-empty = Geben Sie Ihre Mobilnummer ein.
ui-phone-too-short =
    { $international ->
        [yes] Diese Nummer ist zu kurz. Prüfen Sie die Ziffern.
       *[no] Diese Nummer ist zu kurz (Land: { $country }). Prüfen Sie die Ziffern.
    }
ui-phone-too-long =
    { $international ->
        [yes] Diese Nummer ist zu lang. Prüfen Sie die Ziffern.
       *[no] Diese Nummer ist zu lang (Land: { $country }). Prüfen Sie die Ziffern.
    }
ui-phone-invalid-country = Diese Ländervorwahl ist unbekannt. Prüfen Sie die Ziffern nach dem „+“.
ui-phone-invalid =
    { $international ->
        [yes] Das ist keine gültige Telefonnummer. Prüfen Sie die Nummer und das Land.
       *[no] Das ist keine gültige Telefonnummer (Land: { $country }). Prüfen Sie die Nummer und das Land.
    }

## Code eingeben (SMS oder Authentifizierungs-App).

ui-enter-code-title = Code eingeben
ui-enter-code-title-totp = Code aus Ihrer Authentifizierungs-App eingeben
ui-enter-code-totp-lede = Öffnen Sie die App und geben Sie den 6-stelligen Code ein, den sie für dieses Konto anzeigt.
ui-enter-code-sent = Wir haben einen Code an { $phone } gesendet
ui-enter-code-sending = Code wird an { $phone } gesendet …
ui-enter-code-not-sent = Wir konnten keine SMS an { $phone } senden.
ui-enter-code-field = 6-stelliger Code
ui-code-expires-in = Der Code läuft in { $countdown } ab
ui-code-expired = Der Code ist abgelaufen – fordern Sie einen neuen an
ui-enter-code-resend = Neuen Code senden
ui-enter-code-send = Code senden
ui-enter-code-resend-note = Ein neuer Code ersetzt den alten; der alte Code funktioniert dann nicht mehr.
ui-code-incomplete-sms = Geben Sie den 6-stelligen Code aus der SMS ein.

## Zweiten Schritt wählen.

ui-choose-factor-title = Fügen Sie Ihrer Anmeldung einen zweiten Schritt hinzu
ui-choose-factor-lede-organization = { $organization } verlangt nach dem E-Mail-Link einen zweiten Schritt. Wählen Sie, wie:
ui-choose-factor-lede = Ihre Organisation verlangt nach dem E-Mail-Link einen zweiten Schritt. Wählen Sie, wie:
ui-choose-factor-sms = Wir senden Ihnen bei jeder Anmeldung einen Code per SMS.
ui-choose-factor-totp = Eine App auf Ihrem Telefon (Google Authenticator, 1Password, Authy …) zeigt den Code an. Funktioniert ohne Empfang und bringt Wiederherstellungscodes mit.

## Authentifizierungs-App hinzufügen.

ui-enroll-totp-title = Authentifizierungs-App hinzufügen
ui-enroll-totp-title-replacing = Neue Authentifizierungs-App hinzufügen
ui-enroll-totp-replacing = Ihre alte Authentifizierungs-App und ihre Wiederherstellungscodes funktionieren nicht mehr. Fügen Sie Gatehouse der App auf Ihrem neuen Telefon hinzu.
ui-enroll-totp-not-now = Nicht jetzt
ui-enroll-totp-step-open = Öffnen Sie Ihre Authentifizierungs-App und fügen Sie ein Konto hinzu.
ui-enroll-totp-step-scan = Scannen Sie damit diesen QR-Code.
ui-enroll-totp-step-enter = Geben Sie den 6-stelligen Code ein, den die App anzeigt.
ui-enroll-totp-qr = QR-Code für Ihre Authentifizierungs-App
ui-enroll-totp-cant-scan = Code lässt sich nicht scannen?
ui-enroll-totp-key-text = Geben Sie stattdessen diesen Einrichtungsschlüssel in die App ein:
ui-enroll-totp-copy-key = Schlüssel kopieren
ui-enroll-totp-key-note = Gatehouse speichert diesen Schlüssel nie: Sobald Ihre App ihn hat, ist er nur noch dort.
ui-enroll-totp-code = 6-stelliger Code aus der App
ui-enroll-totp-key-copied = Einrichtungsschlüssel kopiert
ui-enroll-totp-key-not-copied = Markieren Sie den Schlüssel und kopieren Sie ihn

## Wiederherstellungscode eingeben.

ui-recovery-title = Wiederherstellungscode eingeben
ui-recovery-lede = Einer der Codes, die Sie beim Einrichten Ihrer Authentifizierungs-App gespeichert haben. Jeder funktioniert einmal.
ui-recovery-field = Wiederherstellungscode
ui-recovery-hint = Etwa xxxx-xxxx-xxxx. Fügen Sie ihn ein oder tippen Sie ihn ab.
ui-recovery-submit = Anmelden
ui-recovery-empty = Geben Sie einen Ihrer Wiederherstellungscodes ein.

## Wiederherstellungscodes speichern.

ui-codes-title = Speichern Sie Ihre Wiederherstellungscodes
ui-codes-lede-first = Ihre Authentifizierungs-App ist eingerichtet. Bewahren Sie diese Codes an einem sicheren Ort auf, nicht bei Ihrem Telefon.
ui-codes-lede-renewed-noticed = Hier sind Ihre neuen Wiederherstellungscodes. Bewahren Sie sie an einem sicheren Ort auf, nicht bei Ihrem Telefon.
ui-codes-lede-renewed = Hier sind Ihre neuen Wiederherstellungscodes. Die alten funktionieren nicht mehr.
ui-codes-close-warning = Diese Codes werden nicht mehr angezeigt, sobald das Fenster geschlossen ist. Kopieren oder speichern Sie sie zuerst – oder schließen Sie das Fenster noch einmal, um ohne sie zu gehen.
ui-codes-copy = Kopieren
ui-codes-save = In Datei speichern …
ui-codes-copied = Kopiert. Fügen Sie sie jetzt an einem sicheren Ort ein: Die Zwischenablage vergisst sie in einer Minute.
ui-codes-not-copied = Kopieren nicht möglich. Markieren Sie die Codes oben und kopieren Sie sie, oder verwenden Sie „In Datei speichern“.
ui-codes-note = Sie sehen diese Codes nicht noch einmal. Jeder Code meldet Sie einmal an – anstelle Ihrer App.
ui-codes-saved = Ich habe sie gespeichert

## Angemeldet.

ui-signed-in-title = Sie sind angemeldet
ui-signed-in-email = E-Mail-Adresse
ui-signed-in-organization = Organisation
ui-signed-in-expires = Sitzung läuft ab
ui-signed-in-factors = So haben Sie sich angemeldet
ui-signed-in-not-remembered = Diese Anmeldung bleibt nach dem Schließen von Gatehouse nicht erhalten; beim nächsten Mal werden Sie erneut zur Anmeldung aufgefordert.
ui-signed-in-kept = Gatehouse hält Sie auf diesem Computer angemeldet, Sie können dieses Fenster also schließen.
ui-signed-in-try-again = Erneut versuchen
ui-signed-in-new-app = Neue Authentifizierungs-App einrichten
ui-signed-in-sign-out = Abmelden
ui-workspace-opens = { $workspace } öffnet sich in einem eigenen Fenster.
ui-recovery-words-old-removed = Ihre alte Authentifizierungs-App und ihre Wiederherstellungscodes funktionieren nicht mehr. Richten Sie jetzt eine neue Authentifizierungs-App ein.
ui-recovery-words-lost = Telefon oder Authentifizierungs-App verloren? Richten Sie jetzt eine neue ein.
ui-recovery-words-last =
    { $next ->
        [app] Sie haben sich mit Ihrem letzten Wiederherstellungscode angemeldet. Damit Sie sich beim nächsten Mal anmelden können, richten Sie jetzt eine neue Authentifizierungs-App ein.
       *[codes] Sie haben sich mit Ihrem letzten Wiederherstellungscode angemeldet. Damit Sie sich beim nächsten Mal anmelden können, erstellen Sie jetzt neue Wiederherstellungscodes.
    }
ui-recovery-words-low =
    { $next ->
        [app]
            { $left ->
                [one] Sie haben sich mit einem Wiederherstellungscode angemeldet. Nur noch { $left } Code übrig: Richten Sie jetzt eine neue Authentifizierungs-App ein.
               *[other] Sie haben sich mit einem Wiederherstellungscode angemeldet. Nur noch { $left } Codes übrig: Richten Sie jetzt eine neue Authentifizierungs-App ein.
            }
       *[codes]
            { $left ->
                [one] Sie haben sich mit einem Wiederherstellungscode angemeldet. Nur noch { $left } Code übrig: Erstellen Sie jetzt neue Wiederherstellungscodes.
               *[other] Sie haben sich mit einem Wiederherstellungscode angemeldet. Nur noch { $left } Codes übrig: Erstellen Sie jetzt neue Wiederherstellungscodes.
            }
    }
ui-recovery-words-left =
    { $next ->
        [app]
            { $left ->
                [one] Sie haben sich mit einem Wiederherstellungscode angemeldet. { $left } Code übrig. Falls Ihr Telefon oder Ihre Authentifizierungs-App verloren ist, richten Sie jetzt eine neue ein.
               *[other] Sie haben sich mit einem Wiederherstellungscode angemeldet. { $left } Codes übrig. Falls Ihr Telefon oder Ihre Authentifizierungs-App verloren ist, richten Sie jetzt eine neue ein.
            }
       *[codes]
            { $left ->
                [one] Sie haben sich mit einem Wiederherstellungscode angemeldet. { $left } Code übrig.
               *[other] Sie haben sich mit einem Wiederherstellungscode angemeldet. { $left } Codes übrig.
            }
    }

## Wiederherstellungscodes ersetzen (angemeldet).

ui-renew-title = Wiederherstellungscodes
ui-renew-ask = Neue Wiederherstellungscodes
ui-renew-warning = Neue Codes ersetzen Ihre aktuellen: Die aktuellen Codes funktionieren sofort nicht mehr.
ui-renew-replace = Meine Wiederherstellungscodes ersetzen
ui-renew-keep = Meine Codes behalten
