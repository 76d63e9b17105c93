"""Understanding a message once: applicant type, item, fact, question form, dates and scope, from data."""
