"""Which outside players and maps a post may embed, and the privacy-enhanced address of each.

One allowlist: a URL that is not recognised here is never put in an iframe.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{1,12}$")
# Embeddable maps: the path each host serves its embeddable map from.
MAP_EMBEDS = {
    "www.openstreetmap.org": "/export/embed.html",
    "www.google.com": "/maps/embed",
}


# The origins those addresses load from: the page's Content-Security-Policy allows frames from these only.
FRAME_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    *(f"https://{host}" for host in MAP_EMBEDS),
)


def video_embed_url(url: str) -> str | None:
    """A YouTube or Vimeo page's privacy-enhanced player address (no cookies until play)."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https":
        return None
    host = parts.hostname or ""
    video_id = ""
    if host in {"www.youtube.com", "youtube.com", "m.youtube.com"}:
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/shorts/", "/embed/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        vimeo_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        return f"https://player.vimeo.com/video/{vimeo_id}?dnt=1" if VIMEO_ID.match(vimeo_id) else None
    if YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


def map_embed_url(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme == "https" and MAP_EMBEDS.get(parts.hostname or "") == parts.path:
        return parts.geturl()
    return None


def social_site(url: str) -> str:
    """The site a social post lives on, as readers know it (shown on the card's link)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    names = {"x.com": "X", "twitter.com": "X", "bsky.app": "Bluesky", "instagram.com": "Instagram",
             "facebook.com": "Facebook", "threads.net": "Threads", "mastodon.social": "Mastodon",
             "tiktok.com": "TikTok", "linkedin.com": "LinkedIn"}  # fmt: skip
    return names.get(host, host)
