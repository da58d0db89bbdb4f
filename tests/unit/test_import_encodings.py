"""Figure files arrive in the encodings people's tools write: UTF-8 with or without a BOM,
Excel's Windows-1252, UTF-16. Each is read with its umlauts intact."""

from __future__ import annotations

import pytest

from botschaft.core.errors import Unprocessable
from botschaft.core.tables import _read_csv

TEXT = (
    "Post URL;Veröffentlicht am;Reaktionen;Kommentare\n"
    "https://www.linkedin.com/posts/jürgen-müller_größte-grünfläche-activity-1;31.03.2026;12;3\n"
    "https://www.linkedin.com/posts/änne-weiß_straßenbau-activity-2;01.04.2026;7;0\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_each_encoding_reads_back_with_its_umlauts(encoding):
    cells = [cell for row in _read_csv(TEXT.encode(encoding)) for cell in row]
    joined = " ".join(str(c) for c in cells)
    assert "Veröffentlicht am" in joined
    assert "jürgen-müller_größte-grünfläche" in joined and "änne-weiß_straßenbau" in joined


def test_bytes_that_are_no_text_are_refused_with_the_field():
    with pytest.raises(Unprocessable) as refused:
        _read_csv(bytes(range(256)) * 4 + b"\x00\xff\xfe\x00" * 100)
    assert refused.value.errors[0].field == "file"
