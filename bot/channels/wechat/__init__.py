"""The WeChat Official Account channel: signature and AES safe mode, dedup of WeChat's retries, passive
replies within ~4 s and the customer-service API after that."""
