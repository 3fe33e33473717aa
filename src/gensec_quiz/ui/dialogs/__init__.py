"""Modal dialogs; each has an ask() class method that tests replace."""
