# The system's save dialog for new recovery codes: its title, the file name it suggests, and the
# name of the one file type offered.
dialog-save-codes-title = Save your recovery codes
dialog-save-codes-file-name = gatehouse-recovery-codes.txt
dialog-save-codes-filter = Text
