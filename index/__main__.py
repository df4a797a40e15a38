"""`python -m index`: the moderators' and scripts' command line."""

import sys

from index.cli import main

sys.exit(main())
