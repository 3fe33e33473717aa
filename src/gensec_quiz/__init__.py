"""GenSec Quiz: an offline quiz app on the office of General Secretary of the CPSU."""

__version__ = "0.1.0"
