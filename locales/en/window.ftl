# The window: its title for each screen (the window switcher and screen readers read it).
window-title = Gatehouse
