"""pilotbot: the channel-agnostic core (``bot.core``) and thin channel adapters (``bot.channels``)."""
