"""Push channels: Apprise URLs checked, masked, stored encrypted and sent to.

secrets.py keeps the URLs encrypted (Fernet; the key from YANBAO_CHANNEL_KEY or a key file in
the instance folder); apprise_urls.py checks a URL, masks it for showing, and sends one message
with the failure reason stripped of the URL's secrets. No Flask here, no database.
"""
