"""Known XSS payloads posted as comments are shown as text: no tag, attribute or script survives."""
import html as html_module
import re

import pytest

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=`javascript:alert(1)`>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\">",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=javascript&colon;alert(1)>x</a>",
    "\"><script>alert(1)</script>",
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<input onfocus=alert(1) autofocus>",
    "<select onfocus=alert(1) autofocus>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<object data=\"javascript:alert(1)\">",
    "<embed src=\"javascript:alert(1)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'http://xss.example/x.css';</style>",
    "<link rel=stylesheet href=http://xss.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"http://xss.example/\">",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<table background=\"javascript:alert(1)\">",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<x onclick=alert(1)>click",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "javascript:alert(document.cookie)",
    "https://example.jp/\"onmouseover=\"alert(1)",
    "https://example.jp/'onmouseover='alert(1)",
    "https://example.jp/<script>alert(1)</script>",
    "https://example.jp/?q=<img src=x onerror=alert(1)>",
    "http://example.jp/&quot;onmouseover=alert(1)",
    "{{ 7*7 }}{% raw %}",
    "${alert(1)}",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
]


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_COMMENT": "1000 per minute"}


def test_xss_payloads_are_shown_as_text(signed_in, make_initiative):
    slug = make_initiative()
    browser = signed_in("resident")
    page_url = f"/initiatives/{slug}"
    for payload in PAYLOADS:
        response = browser.submit(page_url, {"body": payload, "website": "", "post_anyway": "y"},
                                  action=f"/initiatives/{slug}/comments")
        assert response.status_code == 302, payload
    html = ""
    for page in (1, 2, 3):
        html += browser.get(f"{page_url}?page={page}").get_data(as_text=True)
    comments_html = re.findall(r'<p class="comment-text">(.*?)</p>', html, flags=re.S)
    assert len(comments_html) == len(PAYLOADS)
    for shown in comments_html:
        without_links = re.sub(r'<a href="https?://[^"<>]*" rel="nofollow ugc noopener">[^<>]*</a>', "", shown)
        tags = re.findall(r"<(?!br>)[a-zA-Z/!]", without_links)
        assert not tags, shown
    shown_text = {html_module.unescape(re.sub(r"<br>\n|<a [^>]*>|</a>", "", s)) for s in comments_html}
    for payload in PAYLOADS:
        assert payload in shown_text, payload  # the words are all there, as text
    for link in re.findall(r'<a href="([^"]*)" rel="nofollow ugc noopener">', html):
        assert link.startswith(("http://", "https://")) and "<" not in link and '"' not in link
    assert "<script>alert" not in html, html[html.find("<script>alert") - 300:html.find("<script>alert") + 100]
