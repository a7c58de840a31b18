# Hinweise: was der Anmeldekern einer Person auf dem aktuellen Bildschirm sagt
# (crates/gatehouse-core/src/notices), die Anmeldeschritte auf dem Angemeldet-Bildschirm und die
# Ablehnung eines Befehls. Keine Wörter, die Mitarbeitende nicht kennen (kein Dienstname, keine
# Hostnamen). Sie-Form.
#
# $trouble: was mit dem Schlüsselbund schiefging: unavailable, locked, refused oder timed-out.

## Der Schlüsselbund

notice-keychain-unavailable =
    Ihre gespeicherte Anmeldung konnte nicht gelesen werden, weil { $trouble ->
        [locked] Ihr Schlüsselbund gesperrt ist
        [refused] Ihr Schlüsselbund Gatehouse den Zugriff verweigert hat
        [timed-out] Ihr Schlüsselbund nicht rechtzeitig geantwortet hat
       *[unavailable] kein Schlüsselbund erreichbar war
    }. Melden Sie sich erneut an. { $trouble ->
        [locked] Entsperren Sie Ihren Schlüsselbund (meist geschieht das, wenn Sie sich mit Ihrem Passwort am Computer anmelden).
        [refused] Bitten Sie die IT, Gatehouse den Zugriff auf Ihren Schlüsselbund zu erlauben.
        [timed-out] Möglicherweise wartet er auf sein Passwort: Achten Sie auf eine Passwortabfrage des Schlüsselbunds, oder entsperren Sie ihn.
       *[unavailable] Der Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) läuft möglicherweise nicht. Wenn das wiederholt vorkommt, wenden Sie sich an die IT.
    }
notice-not-remembered =
    Sie sind angemeldet, aber Ihre Sitzung konnte nicht gespeichert werden, weil { $trouble ->
        [locked] Ihr Schlüsselbund gesperrt ist
        [refused] Ihr Schlüsselbund Gatehouse den Zugriff verweigert hat
        [timed-out] Ihr Schlüsselbund nicht rechtzeitig geantwortet hat
       *[unavailable] kein Schlüsselbund erreichbar war
    }. Beim nächsten Mal werden Sie daher erneut gefragt. { $trouble ->
        [locked] Entsperren Sie Ihren Schlüsselbund (meist geschieht das, wenn Sie sich mit Ihrem Passwort am Computer anmelden).
        [refused] Bitten Sie die IT, Gatehouse den Zugriff auf Ihren Schlüsselbund zu erlauben.
        [timed-out] Möglicherweise wartet er auf sein Passwort: Achten Sie auf eine Passwortabfrage des Schlüsselbunds, oder entsperren Sie ihn.
       *[unavailable] Der Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) läuft möglicherweise nicht. Wenn das wiederholt vorkommt, wenden Sie sich an die IT.
    }
notice-keychain-wipe-failed =
    Sie sind hier abgemeldet, aber die Sitzung konnte nicht aus dem Schlüsselbund entfernt werden, weil { $trouble ->
        [locked] Ihr Schlüsselbund gesperrt ist
        [refused] Ihr Schlüsselbund Gatehouse den Zugriff verweigert hat
        [timed-out] Ihr Schlüsselbund nicht rechtzeitig geantwortet hat
       *[unavailable] kein Schlüsselbund erreichbar war
    }. { $trouble ->
        [locked] Entsperren Sie Ihren Schlüsselbund (meist geschieht das, wenn Sie sich mit Ihrem Passwort am Computer anmelden).
        [refused] Bitten Sie die IT, Gatehouse den Zugriff auf Ihren Schlüsselbund zu erlauben.
        [timed-out] Möglicherweise wartet er auf sein Passwort: Achten Sie auf eine Passwortabfrage des Schlüsselbunds, oder entsperren Sie ihn.
       *[unavailable] Der Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) läuft möglicherweise nicht. Wenn das wiederholt vorkommt, wenden Sie sich an die IT.
    } Entfernen Sie danach den Eintrag von Gatehouse aus Ihrem Schlüsselbund, oder bitten Sie die IT darum.

## Der Start

notice-waiting-for-keychain = Gatehouse wartet auf eine Antwort des Schlüsselbunds… Wenn das anhält, vergewissern Sie sich, dass Ihr Schlüsselbund entsperrt ist, und versuchen Sie es dann erneut.
notice-waiting-for-sign-in-service = Gatehouse wartet auf eine Antwort des Anmeldedienstes… Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es dann erneut.
notice-session-ended = Ihre Sitzung ist beendet (sie ist abgelaufen, oder Sie wurden an anderer Stelle abgemeldet). Melden Sie sich erneut an.
# $organization: die Organisation, wie die Konfiguration sie nennt.
notice-organization-not-found = Der Anmeldedienst kennt Ihre Organisation („{ $organization }“) nicht. Bitten Sie die IT, die Konfiguration von Gatehouse zu prüfen.
# Für die IT, auf dem Konfigurationsbildschirm. $what: slug oder id; $value: die Organisation;
# $from: file (die Einstellung steht in der Datei $file) oder environment.
notice-organization-not-found-for-it =
    Der Anmeldedienst (Stytch) hat keine Organisation mit { $what ->
        [id] der ID
       *[slug] dem Slug
    } „{ $value }“ (festgelegt in { $from ->
        [file] { $file }
       *[environment] der Umgebung: GATEHOUSE_ORGANIZATION_ID oder GATEHOUSE_ORGANIZATION_SLUG
    }). Bitten Sie die IT, die Konfiguration von Gatehouse zu prüfen.

## Die E-Mail und ihr Link

# $problem: empty, domain (der Teil nach dem @ hat keinen Punkt) oder other.
notice-invalid-email =
    { $problem ->
        [empty] Geben Sie Ihre E-Mail-Adresse ein.
        [domain] Diese E-Mail-Adresse kann nicht verwendet werden: Der Teil nach dem @ muss ein Domainname mit einem Punkt sein.
       *[other] Diese E-Mail-Adresse kann nicht verwendet werden: Sie ist keine gültige Adresse. Prüfen Sie sie auf Tippfehler.
    }
notice-email-refused = Der Anmeldedienst akzeptiert diese E-Mail-Adresse nicht. Prüfen Sie sie auf Tippfehler.
notice-link-resent = Wir haben einen neuen Link an { $email } gesendet.
# $reason: not-ours, wrong-token-type oder malformed.
notice-link-rejected =
    { $reason ->
        [not-ours] Dieser Link ist kein Anmeldelink von Gatehouse und wurde daher ignoriert.
        [wrong-token-type] Dieser Link gehört zu einer anderen Art der Anmeldung als dem E-Mail-Link und wurde daher ignoriert.
       *[malformed] Dieser Anmeldelink ist beschädigt oder unvollständig. Öffnen Sie den Link aus der E-Mail erneut, oder fügen Sie ihn vollständig ein.
    }
notice-link-used = Dieser Link wurde bereits verwendet. Jeder Anmeldelink funktioniert nur einmal; verwenden Sie die neueste E-Mail, oder fordern Sie einen neuen Link an.
notice-link-not-expected = Dieser Anmeldelink wurde nicht in dieser App angefordert, oder die zugehörige Anmeldung wurde abgebrochen. Geben Sie Ihre E-Mail-Adresse ein, um einen neuen zu erhalten.
notice-link-other-device = Dieser Link wurde auf einem anderen Gerät oder für eine andere Anmeldung angefordert und kann diese daher nicht abschließen. Beginnen Sie hier von vorn und verwenden Sie den Link aus der neuen E-Mail.
notice-link-expired = Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.
notice-link-unknown = Dieser Link wurde nicht erkannt. Verwenden Sie die neueste E-Mail, oder fordern Sie einen neuen Link an.
notice-link-forged = Dieser Link meldet eine andere Person an, nicht die von Ihnen eingegebene Adresse, und wurde daher abgelehnt. Verwenden Sie den Link aus Ihrer eigenen E-Mail.
notice-primary-required = Ihre Organisation verlangt eine andere Anmeldemethode (etwa SSO), die Gatehouse nicht anbietet. Wenden Sie sich an die IT.
notice-unexpected-answer = Der Anmeldedienst hat anders geantwortet, als Gatehouse es erwartet hat. Versuchen Sie es erneut.
notice-sign-in-timed-out = Diese Anmeldung hat länger als 10 Minuten gedauert und ist daher abgelaufen. Beginnen Sie von vorn: Sie erhalten eine neue E-Mail.

## SMS-Codes

# $problem: empty, country-code (kein + mit Landesvorwahl), not-a-number oder invalid.
notice-invalid-phone =
    { $problem ->
        [empty] Geben Sie Ihre Telefonnummer ein.
        [country-code] Diese Telefonnummer kann nicht verwendet werden: Sie muss mit + und der Landesvorwahl beginnen, etwa +49301234567.
        [not-a-number] Diese Telefonnummer kann nicht verwendet werden: Das ist keine Telefonnummer.
       *[invalid] Diese Telefonnummer kann nicht verwendet werden: Für ihre Landesvorwahl ist sie keine gültige Nummer.
    }
notice-phone-refused = Diese Telefonnummer kann nicht verwendet werden. Prüfen Sie das Land und die Nummer.
notice-phone-country-not-allowed = Ihre Organisation kann keine Codes in dieses Land senden. Verwenden Sie eine andere Nummer, oder wenden Sie sich an die IT.
notice-code-resent = Wir haben einen neuen Code gesendet. Der vorherige Code funktioniert nicht mehr.
notice-invalid-code = Der Code besteht aus den 6 Ziffern aus der SMS.
notice-wrong-code = Dieser Code ist nicht richtig. Prüfen Sie die SMS und versuchen Sie es erneut.
# $left: nach wie vielen weiteren falschen Codes das Konto gesperrt wird (ebenso bei den zwei unten).
notice-wrong-code-near-lock =
    Dieser Code ist nicht richtig. Prüfen Sie die SMS und versuchen Sie es erneut. { $left ->
        [one] Nach einem weiteren falschen Code wird Ihr Konto gesperrt.
       *[other] Nach { $left } weiteren falschen Codes wird Ihr Konto gesperrt.
    }
notice-code-expired = Dieser Code ist abgelaufen (Codes gelten 2 Minuten). Fordern Sie einen neuen an.

## Authentifizierungs-Apps und Wiederherstellungscodes

notice-no-factor-allowed = Ihre Organisation verlangt einen zweiten Schritt, erlaubt aber keine Methode, die Gatehouse anbietet. Wenden Sie sich an die IT.
notice-invalid-totp-code = Der Code besteht aus den 6 Ziffern, die Ihre Authentifizierungs-App für dieses Konto anzeigt.
notice-wrong-totp-code = Dieser Code ist nicht richtig. Prüfen Sie, ob die App dieses Konto anzeigt, warten Sie auf einen neuen Code und versuchen Sie es erneut.
notice-wrong-totp-code-near-lock =
    Dieser Code ist nicht richtig. Prüfen Sie, ob die App dieses Konto anzeigt, warten Sie auf einen neuen Code und versuchen Sie es erneut. { $left ->
        [one] Nach einem weiteren falschen Code wird Ihr Konto gesperrt.
       *[other] Nach { $left } weiteren falschen Codes wird Ihr Konto gesperrt.
    }
notice-totp-code-used = Dieser Code wurde bereits verwendet. Warten Sie, bis Ihre App den nächsten anzeigt.
notice-totp-setup-expired = Die Einrichtung hat zu lange gedauert und ist abgelaufen. Beginnen Sie von vorn: Sie erhalten einen neuen Einrichtungsschlüssel.
notice-invalid-recovery-code = Ein Wiederherstellungscode ist einer der Codes, die Sie beim Einrichten Ihrer Authentifizierungs-App gespeichert haben, etwa xxxx-xxxx-xxxx.
notice-wrong-recovery-code = Dieser Wiederherstellungscode ist nicht richtig oder wurde bereits verwendet. Jeder Code funktioniert nur einmal.
notice-wrong-recovery-code-near-lock =
    Dieser Wiederherstellungscode ist nicht richtig oder wurde bereits verwendet. Jeder Code funktioniert nur einmal. { $left ->
        [one] Nach einem weiteren falschen Code wird Ihr Konto gesperrt.
       *[other] Nach { $left } weiteren falschen Codes wird Ihr Konto gesperrt.
    }
notice-method-not-allowed = Ihre Organisation erlaubt diese Methode nicht. Wählen Sie eine andere.
notice-recovery-codes-renewed = Ihre neuen Wiederherstellungscodes sind bereit; die alten funktionieren nicht mehr.
notice-recovery-codes-lost = Ihre Wiederherstellungscodes wurden genau beim Abmelden erneuert: Die alten funktionieren nicht mehr, und die neuen konnten nicht angezeigt werden. Melden Sie sich an und erstellen Sie neue.
# $renew: yes, wenn der Angemeldet-Bildschirm neue Codes anbietet; no, wenn die Person sich zuerst
# anmelden muss. „Neue Wiederherstellungscodes“ ist die Beschriftung der Schaltfläche dort.
notice-recovery-codes-unconfirmed =
    Beim letzten Mal wurden die Wiederherstellungscodes für { $email } angezeigt, aber Sie haben nicht bestätigt, dass Sie sie gespeichert haben. { $renew ->
        [yes] Falls Sie sie nicht aufbewahrt haben, wählen Sie unten „Neue Wiederherstellungscodes“.
       *[no] Falls Sie sie nicht aufbewahrt haben, melden Sie sich mit Ihrer Authentifizierungs-App an und wählen Sie „Neue Wiederherstellungscodes“.
    }
# $path: die Datei, die die Person gewählt hat.
notice-recovery-codes-saved = Gespeichert in { $path }.
# Die ersten Zeilen einer Datei mit gespeicherten Wiederherstellungscodes (die Codes folgen, einer je Zeile).
notice-recovery-codes-file-header =
    Gatehouse-Wiederherstellungscodes für { $email } ({ $organization }).
    Jeder Code meldet Sie einmal an, anstelle Ihrer Authentifizierungs-App. Bewahren Sie sie an einem sicheren Ort auf.

## Sperren, Grenzen und Probleme des Dienstes

notice-member-locked-until = Zu viele falsche Codes: Ihr Konto ist gesperrt. Versuchen Sie es erneut, wenn die unten angezeigte Zeit abgelaufen ist, oder bitten Sie die IT, es zu entsperren.
notice-member-locked = Zu viele falsche Codes: Ihr Konto ist vorübergehend gesperrt. Versuchen Sie es später erneut, oder bitten Sie die IT, es zu entsperren.
notice-rate-limited = Zu viele Versuche in kurzer Zeit. Warten Sie den Countdown unten ab und versuchen Sie es dann erneut.
notice-app-refused = Gatehouse ist nicht richtig eingerichtet: Der Anmeldedienst hat seine Zugangsdaten abgelehnt. Bitten Sie die IT, die Projekt-ID und das öffentliche Token zu prüfen.
notice-service-down = Der Anmeldedienst hat gerade Probleme. Es ist nichts verloren gegangen: Versuchen Sie es in einer Minute erneut.
notice-network-down = Der Anmeldedienst ist nicht erreichbar. Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es dann erneut: Es ist nichts verloren gegangen.
notice-service-trouble = Beim Anmeldedienst ist etwas schiefgegangen. Versuchen Sie es erneut.
notice-revoke-pending = Sie sind auf diesem Computer abgemeldet. Der Anmeldedienst war nicht erreichbar; Ihre Sitzung dort wird beendet, sobald das möglich ist.
# Das Projekt ist falsch eingerichtet: Die Person kann das nicht beheben. $fix ist die Anweisung
# für die IT, auf Englisch wie das Dashboard, das sie nennt (und wie `gatehouse doctor`).
notice-project-refusal = Die Anmeldung ist für Ihre Organisation noch nicht richtig eingerichtet und kann daher nicht abgeschlossen werden. Bitten Sie die IT, das zu beheben – für die IT: { $fix }

## Der Arbeitsbereich

# Die Seite des Arbeitsbereichs konnte nicht geladen werden, und warum (Angemeldet-Bildschirm).
# $workspace: sein Name. $cause: address, certificate, server oder other.
notice-workspace-failed =
    { $cause ->
        [address] { $workspace } konnte nicht geöffnet werden: Die Adresse wurde nicht gefunden (kein Netzwerk, oder das Netzwerk kennt den Namen nicht). Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.
        [certificate] { $workspace } konnte nicht geöffnet werden: Das Sicherheitszertifikat wurde nicht akzeptiert. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.
        [server] { $workspace } konnte nicht geöffnet werden: Der Server hat nicht geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.
       *[other] { $workspace } konnte nicht geöffnet werden: Die Seite konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.
    }

## Wie sich die Person angemeldet hat (Liste auf dem Angemeldet-Bildschirm)

notice-factor-email = E-Mail-Link
# $phone: die letzten vier Ziffern der Nummer, maskiert (••• 1234).
notice-factor-sms = SMS-Code an { $phone }
notice-factor-totp = Authentifizierungs-App
notice-factor-recovery-code = Wiederherstellungscode

## Ein Befehl des Fensters konnte nicht ausgeführt werden

# $reason: die Worte des Systems (in Klammern).
notice-command-save-failed = Die Wiederherstellungscodes konnten dort nicht gespeichert werden ({ $reason }). Wählen Sie einen anderen Ort, oder kopieren Sie sie.
notice-command-codes-gone = Die Wiederherstellungscodes konnten nicht gespeichert werden: Sie werden nicht mehr angezeigt.
notice-command-not-configured = Gatehouse ist nicht konfiguriert und kann das daher nicht ausführen. Auf dem Bildschirm steht, was die IT beheben muss.
