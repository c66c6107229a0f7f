"""``python -m plansat.cli``: the ``plansat`` command line."""

from plansat.cli.app import main

if __name__ == "__main__":
    main()
