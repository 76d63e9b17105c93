"""The conversation: typed messages in and replies out, the flows, and what the conversation remembers."""
