"""Channel-agnostic core: answering, dialogs, planning and review. Free of network and UI code."""
