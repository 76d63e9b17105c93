"""``python -m bot.cli``: the same as the ``pilotbot`` script."""

from bot.cli import main

main()
