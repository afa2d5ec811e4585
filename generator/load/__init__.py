"""Stage 1, load: content files → raw data that remembers file:line:column."""
