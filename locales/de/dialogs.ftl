# Der Speichern-Dialog des Systems für neue Wiederherstellungscodes: sein Titel, der
# vorgeschlagene Dateiname und der Name des einzigen angebotenen Dateityps.
dialog-save-codes-title = Wiederherstellungscodes speichern
dialog-save-codes-file-name = gatehouse-wiederherstellungscodes.txt
dialog-save-codes-filter = Text
