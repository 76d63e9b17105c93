"""Building the WeChat channel from settings."""

from __future__ import annotations

from bot.channels.ratelimit import UserRateLimiter
from bot.channels.wechat.channel import WeChatChannel
from bot.channels.wechat.crypto import WeChatCipher
from bot.channels.wechat.customer_service import CustomerServiceClient, CustomerServiceSender
from bot.core.runtime import Core


def build_wechat_channel(core: Core, sender: CustomerServiceSender | None = None) -> WeChatChannel:
    settings = core.settings
    assert settings.wechat_token is not None
    cipher = None
    if settings.wechat_aes_key and settings.wechat_appid:
        cipher = WeChatCipher(settings.wechat_aes_key.get_secret_value(), settings.wechat_appid)
    if sender is None and settings.wechat_appid and settings.wechat_secret:
        sender = CustomerServiceClient(
            settings.wechat_appid, settings.wechat_secret.get_secret_value(), settings.wechat_api_base
        )
    return WeChatChannel(
        core,
        token=settings.wechat_token.get_secret_value(),
        mode=settings.wechat_mode,
        cipher=cipher,
        sender=sender,
        limiter=UserRateLimiter(settings.user_rate_limit),
    )
