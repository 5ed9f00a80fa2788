"""Demo content for the CMS."""
