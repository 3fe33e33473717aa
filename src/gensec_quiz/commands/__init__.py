"""One module per `gensec-quiz` command; each defines `add_parser(subparsers)`."""
