"""The command line: ``twin.cli.main`` parses and dispatches; one module per command group keeps its heavy imports inside its commands."""
