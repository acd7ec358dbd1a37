"""The `ujikom` command line: one entry point, a subcommand per role."""
