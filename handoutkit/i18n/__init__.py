"""gettext catalogs: extraction, reading, merging, translation and checks."""
