"""Answer widgets and other reusable pieces."""
