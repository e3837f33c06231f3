"""The command line: thin wrappers that parse options, call plain functions and print their results."""
