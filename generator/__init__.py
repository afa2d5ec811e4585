"""netcard: a static-site generator for networks of organisations."""

__version__ = "0.1.0"
