"""`python -m kiosk`: the same as `ujikom kiosk`."""

import sys

from kiosk.cli import main

sys.exit(main())
