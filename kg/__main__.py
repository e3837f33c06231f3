from kg.cli.entry import run

run()
