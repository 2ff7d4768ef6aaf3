"""`python -m explainer` is the console script."""

import sys

from explainer.cli import main

sys.exit(main())
