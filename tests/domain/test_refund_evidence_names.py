"""A client's file name, cleaned to metadata: no folders (either slash), no control or format
characters, no reserved characters, no leading dots, bounded length; and the download name
takes the extension of what the file really is."""

import pytest

from server.domain.refunds.evidence import MAX_NAME, clean_name, download_name


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("screenshot.png", "screenshot.png"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\evil.png", "evil.png"),
    ("C:\\Users\\me\\Desktop\\录音.m4a", "录音.m4a"),
    ("/", "evidence"),
    ("", "evidence"),
    (None, "evidence"),
    ("   ", "evidence"),
    (".hidden.png", "hidden.png"),
    ("a\x00b\r\nc.png", "abc.png"),
    ("\u202egnp.exe", "gnp.exe"),
    ('what?*"<>|:.pdf', "what_______.pdf"),
    ("many   spaces\tand tab.png", "many spacesand tab.png"),
    ("cafe\u0301.png", "caf\u00e9.png"),  # one form (NFC) for what looks the same
    ("x" * 300 + ".jpeg", "x" * (MAX_NAME - 5) + ".jpeg"),
    ("y" * 300, "y" * MAX_NAME),
])
def test_clean_name(raw, cleaned):
    assert clean_name(raw) == cleaned
    assert len(clean_name(raw)) <= MAX_NAME


@pytest.mark.parametrize(("original", "media_type", "offered"), [
    ("chat.png", "image/png", "chat.png"),
    ("contract.pdf", "image/png", "contract.png"),
    ("recording", "audio/mpeg", "recording.mp3"),
    ("v1.2 terms", "application/pdf", "v1.2 terms.pdf"),
    ("archive.tar.gz", "application/pdf", "archive.tar.pdf"),
])
def test_download_name(original, media_type, offered):
    assert download_name(original, media_type) == offered
