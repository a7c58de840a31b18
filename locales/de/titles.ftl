# Der Fenstertitel auf jedem Bildschirm: was ein Fensterwechsler anzeigt und ein Bildschirmleser
# beim Öffnen vorliest. Die beiden Code-Bildschirme unterscheiden sich nach der Herkunft des Codes.
window-title-starting = Wird gestartet — Gatehouse
window-title-config-error = Einrichtungsproblem — Gatehouse
window-title-sign-in = Anmelden — Gatehouse
window-title-check-email = E-Mails prüfen — Gatehouse
window-title-choose-factor = Zweiten Schritt wählen — Gatehouse
window-title-enroll-totp = Authentifizierungs-App einrichten — Gatehouse
window-title-enroll-phone = Telefonnummer hinzufügen — Gatehouse
window-title-enter-code-app = Code der Authentifizierungs-App eingeben — Gatehouse
window-title-enter-code-sms = Per SMS gesendeten Code eingeben — Gatehouse
window-title-enter-recovery-code = Wiederherstellungscode eingeben — Gatehouse
window-title-recovery-codes = Wiederherstellungscodes speichern — Gatehouse
window-title-signed-in = Angemeldet — Gatehouse
