"""Which links a CV may contain: one function decides (BAD_INPUTS 22 and 23)."""

from __future__ import annotations

import pytest

from cvgen.model.links import ALLOWED_SCHEMES, check_url


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "http://localhost:8000/x", "http://169.254.169.254/latest/meta-data/",
     "mailto:ada@example.org", "tel:+1-315-744-6778", "ftp://ftp.example.org/a", "doi:10.1000/xyz",
     "https://doi.org/10.1000/a%20b#c_d~e;f&g<h>", "HTTPS://EXAMPLE.ORG"],
)
def test_allowed_links_are_kept_as_written(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("javascript:alert(1)", "javascript"), ("JavaScript:alert(1)", "javascript"), ("vbscript:msgbox", "vbscript"),
     ("data:text/html,<script>", "data"), ("file:///etc/passwd", "file"), ("FILE:///etc/passwd", "file"),
     ("jar:file:///x!/y", "jar"), ("chrome://settings", "chrome")],
)
def test_dangerous_schemes_are_refused(url: str, scheme: str) -> None:
    with pytest.raises(ValueError, match=f"link scheme {scheme}: is not allowed"):
        check_url(url)


@pytest.mark.parametrize("url", ["java\tscript:alert(1)", "java\nscript:alert(1)", " javascript :x", "https://a b"])
def test_hidden_whitespace_is_refused(url: str) -> None:
    with pytest.raises(ValueError):
        check_url(url)


@pytest.mark.parametrize("url", ["example.org", "//example.org", "/etc/passwd", "#top", ""])
def test_links_need_a_scheme(url: str) -> None:
    with pytest.raises(ValueError):
        check_url(url)


def test_allowed_schemes_are_the_safe_few() -> None:
    assert set(ALLOWED_SCHEMES) == {"http", "https", "mailto", "tel", "ftp", "doi"}
