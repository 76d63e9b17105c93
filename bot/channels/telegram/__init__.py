"""The Telegram channel (python-telegram-bot v22): long polling or a webhook, state in the core's store."""
