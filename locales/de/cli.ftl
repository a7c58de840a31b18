# Die Befehlszeile: `gatehouse --help`, `gatehouse token` und das Menü der App. Gelesen in einem
# Terminal von dem, der ein Skript ausführt oder den Computer einrichtet.

## gatehouse --help

cli-help =
    Gatehouse meldet Sie bei der Stytch-Organisation Ihres Unternehmens an.

    Aufruf:
      gatehouse                  das Gatehouse-Fenster öffnen
      gatehouse token            ein Sitzungs-JWT ausgeben, das noch mindestens 60 Sekunden gültig ist
      gatehouse token --json     dasselbe als JSON: jwt, expires_at, member_id, organization_id, email
      gatehouse doctor           diesen Computer prüfen: Konfiguration, Stytch, Uhr, Schlüsselbund, Links
      gatehouse doctor --json    dasselbe als JSON
      gatehouse --help           dieser Text

    `gatehouse token` verwendet die im Schlüsselbund gespeicherte Sitzung, ob das Fenster geöffnet
    ist oder nicht; das Sitzungstoken selbst gibt es nie aus. Exit-Status: 0 ausgegeben; 1 ein
    anderer Fehler; 2 nicht angemeldet; 3 Stytch nicht erreichbar; 4 Konfigurationsfehler;
    64 unbekannte Option. `gatehouse doctor` endet nur mit 0, wenn jede Prüfung bestanden ist,
    und gibt nie ein Geheimnis aus.
# Eine Option, die ein Befehl nicht kennt; $got: was angegeben wurde.
cli-usage-token = gatehouse token kennt nur --json (angegeben: { $got }). Siehe gatehouse --help.
cli-usage-doctor = gatehouse doctor kennt nur --json (angegeben: { $got }). Siehe gatehouse --help.
cli-write-failed = gatehouse: Die Antwort konnte nicht geschrieben werden: { $error }

## gatehouse token: ein Satz auf stderr, wenn es kein Token gibt

# $reason: einer der Sätze unten.
token-failed = gatehouse token: { $reason }
token-could-not-start = Gatehouse konnte nicht starten: { $error }.
# $error: was an der Konfiguration nicht stimmt; $file: die betroffene Datei.
token-config-unusable-in = Die Konfiguration von Gatehouse ist nicht verwendbar: { $error } (in { $file }).
token-config-unusable = Die Konfiguration von Gatehouse ist nicht verwendbar: { $error }.
token-no-client = Gatehouse kann mit dieser Konfiguration nicht mit Stytch kommunizieren: { $error }.
token-not-signed-in = Sie sind nicht bei Gatehouse angemeldet. Öffnen Sie Gatehouse, melden Sie sich an und versuchen Sie es dann erneut.
token-keychain-unreadable = Ihre gespeicherte Anmeldung konnte nicht gelesen werden: { $error }.
# $notice: der Satz des Fensters, dass die Sitzung beendet ist.
token-session-ended = { $notice } Öffnen Sie Gatehouse, um sich anzumelden.
token-jwt-unverified = Das Sitzungs-JWT von Stytch ließ sich nicht prüfen: { $reason }.
token-jwt-names-another = Das Sitzungs-JWT von Stytch nennt ein anderes Mitglied oder eine andere Organisation als die Sitzung.
token-jwt-no-expiry = Das Sitzungs-JWT von Stytch hat keinen verwendbaren Ablaufzeitpunkt.
token-jwt-expires-too-soon = Das Sitzungs-JWT von Stytch läuft in { $left } s ab, weniger als die zugesagten { $promised } s: Geht die Uhr dieses Computers richtig?
# $notice: der Satz des Fensters dazu; $error: die Antwort von Stytch, für die IT.
token-stytch-failure = { $notice } ({ $error })

## Das Menü der App

menu-app = Gatehouse
menu-sign-out = Abmelden
menu-recovery-codes = Neue Wiederherstellungscodes…
menu-quit = Gatehouse beenden
