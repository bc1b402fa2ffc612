import pytest

from civic.initiatives.text import bigrams, comment_html, personal_data_kinds


@pytest.mark.parametrize("text, kinds", [
    ("電話は090-1234-5678です", ["phone"]),
    ("０９０－１２３４－５６７８", ["phone"]),  # full-width digits count too
    ("代表 0123-45-6789", ["phone"]),
    ("taro.yamada+dx@example.co.jp まで", ["email"]),
    ("中央町3丁目", ["address"]),
    ("本町5番地の角", ["address"]),
    ("東町2-14-7に住んでいます", ["address"]),
    ("123456789012", ["my_number"]),
    ("1234-5678-9012", ["my_number"]),
    ("2026-04-01から使っています", []),
    ("100人が参加しました。2026年の計画です。", []),
    ("1-2回しか乗っていません", []),
    ("電話番号は書きません", []),
])
def test_personal_data_hints(text, kinds):
    assert personal_data_kinds(text) == kinds


def test_comment_html_escapes_then_links():
    shown = comment_html('<b>"a"</b>\nhttps://example.jp/x?a=1&b=2、次')
    assert str(shown) == ('&lt;b&gt;&#34;a&#34;&lt;/b&gt;<br>\n<a href="https://example.jp/x?a=1&amp;b=2" '
                          'rel="nofollow ugc noopener">https://example.jp/x?a=1&amp;b=2</a>、次')


def test_bigrams_ignore_spaces_and_width():
    assert bigrams("見守り ＳＥＮ") == {"見守", "守り", "りs", "se", "en"}
