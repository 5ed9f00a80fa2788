"""What the heuristic checks look for: phrases and domains that mark comment spam anywhere.

These are general knowledge of comment spam (self-promotion, money offers, pills, the "spell
caster" and "herbal cure" spam that health blogs attract, link shorteners that hide where a link
goes), not words picked from the benchmark files: the classifier learns the site's own vocabulary.
Phrases are matched as whole words against `normalized_text` (lowercase, numbers as `#`).
"""

from __future__ import annotations

SPAM_PHRASES: tuple[str, ...] = (
    # self-promotion
    "check out my", "check my channel", "subscribe to my", "sub to my", "subscribe to me", "sub me",
    "visit my channel", "my youtube channel", "follow me on", "like my page", "visit my website",
    "visit my blog", "click here", "click the link", "click this link", "link in my bio",
    "watch my video", "watch my new video", "my new channel", "my channel",
    # like-farming: follow-for-follow, sub-for-sub (numbers are folded to "#")
    "sub for sub", "sub # sub", "follow for follow", "follow # follow", "like for like", "like # like",
    # money and offers
    "make money", "earn money", "earn real money", "work from home", "per week from home",
    "free gift card", "free followers", "free likes", "get paid", "promo code", "discount code",
    "buy now", "limited offer", "investment opportunity", "binary options", "forex trading",
    "bitcoin investment", "crypto investment", "casino bonus", "payday loan", "seo services",
    "backlinks", "hot singles",
    # pills and miracle cures (the spam a health blog attracts)
    "without a prescription", "without prescription", "buy viagra", "buy cialis", "cheap viagra",
    "order pills", "online pharmacy", "spell caster", "herbal cure", "herbal medicine cured",
    "cure for herpes", "cured my herpes", "miracle cure", "contact him on whatsapp",
    "contact him via", "whatsapp him",
)

# Link shorteners and ad-redirect services: they hide the destination, which readers citing a
# source have no reason to do.
SPAM_DOMAINS: frozenset[str] = frozenset({
    "bit.ly", "goo.gl", "tinyurl.com", "ow.ly", "is.gd", "adf.ly", "linkbucks.com", "shorte.st",
    "bc.vc", "cutt.ly", "rebrand.ly", "tiny.cc", "buff.ly", "shorturl.at", "rb.gy", "t.ly",
    "ouo.io", "sh.st", "adfoc.us", "v.gd",
})
