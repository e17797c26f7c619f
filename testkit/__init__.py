"""What the browser tests, the extension benchmark and the screenshot script share, one module
per job:

- ``service``: the real service (gunicorn, SQLite in a temp folder) in a subprocess;
- ``pages``: saved pages served under their real host names, by an HTTP(S) proxy on a free port;
- ``chromium``: Chromium with the unpacked extension, using that proxy, with its net log;
- ``netlog``: the URLs a closed browser's net log says were requested;
- ``decisions``: waiting for the content script to say what it decided on a page;
- ``panel``: reading and clicking inside the panel's closed shadow root.
- ``shops``: the extension's site files (extension/sites/*.js) as Python data.
- ``images``: small real image files made in code, for uploads.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
