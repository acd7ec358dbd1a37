"""The frozen application's entry point: the same `ujikom` command as a source install."""

import multiprocessing
import sys

from ujikom.cli import main

if __name__ == "__main__":
    # The sealing and import worker pools start processes; a frozen program must let
    # them run as workers instead of as a second `ujikom`.
    multiprocessing.freeze_support()
    sys.exit(main())
