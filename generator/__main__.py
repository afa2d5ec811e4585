"""`python -m generator` works exactly like the `netcard` command."""

from generator.cli import entry

entry()
