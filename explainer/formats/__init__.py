"""Ways in as text and files: share links, the TOML schema, CSV tables, bundled datasets."""
