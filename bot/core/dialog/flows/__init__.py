"""The guided dialogs. Each flow module exposes ``start`` and ``on_input``; state names are ``flow.step``."""
