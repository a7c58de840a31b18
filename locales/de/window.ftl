# Das Fenster: sein Titel für jeden Bildschirm (Fensterwechsler und Bildschirmleser lesen ihn).
window-title = Gatehouse
