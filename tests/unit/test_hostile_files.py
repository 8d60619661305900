"""Hostile uploads are refused before anything parses them, with a message a facilitator can act on."""

from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
import pytest

from exports import safety
from exports.demo import load_demo
from exports.limits import MAX_ROWS, MAX_SHEETS, MAX_UPLOAD_BYTES
from exports.workbook import to_xlsx
from exports.workbook_import import ImportProblems, from_xlsx
from exports.workshop_file import from_json, to_json
from personas.errors import InvalidInput


@pytest.fixture(scope="module")
def good_xlsx() -> bytes:
    return to_xlsx(load_demo(), charts=False)


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
    return out.getvalue()


def _add_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(name, content)
    return out.getvalue()


def _saved(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _demo_doc() -> dict:
    return json.loads(to_json(load_demo()))


def test_random_bytes_are_not_a_workbook():
    with pytest.raises(InvalidInput, match=r"not an Excel workbook \(\.xlsx\)"):
        from_xlsx(b"\x00\x01binary junk" * 100)


def test_a_text_file_renamed_to_xlsx_is_not_a_workbook():
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        from_xlsx(b"name,quote\nDaily Dara,On time please\n")


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("holiday.txt", "photos")
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        from_xlsx(out.getvalue())


def test_an_old_xls_or_password_protected_file_is_refused_with_advice():
    with pytest.raises(InvalidInput, match="password-protected workbook or an old .xls"):
        from_xlsx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_a_part_that_inflates_enormously_is_refused_as_a_zip_bomb(good_xlsx):
    bomb = _add_part(good_xlsx, "xl/media/padding.bin", b"\x00" * (3 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="zip bomb"):
        from_xlsx(bomb)


def test_a_workbook_that_would_unpack_past_the_cap_is_refused_as_a_zip_bomb(good_xlsx, monkeypatch):
    # The real cap is 60 MB; a lower one keeps the test fast while exercising the same check.
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 10_000)
    with pytest.raises(InvalidInput, match="zip bomb"):
        from_xlsx(good_xlsx)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&secret;</t></si></sst>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_entity_tricks_are_refused(good_xlsx, xml):
    with pytest.raises(InvalidInput, match="XML entities or a DTD"):
        from_xlsx(_add_part(good_xlsx, "xl/sharedStrings.xml", xml))


def test_a_real_formula_in_a_cell_is_refused_naming_the_cell(good_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    sheet = load_demo().personas[0].name
    wb[sheet]["D9"] = '=WEBSERVICE("http://example.com")'
    with pytest.raises(ImportProblems) as caught:
        from_xlsx(_saved(wb))
    assert caught.value.problems == [
        f"Sheet '{sheet}' cell D9: holds a formula; formulas are not accepted, type the value itself"
    ]


@pytest.mark.parametrize(
    "formula",
    [
        '=IF(B10="the persona\'s own words",1,0)',  # quotes text the app never writes
        "=Overview!B1",  # reaches another sheet
        '=HYPERLINK("http://example.com","price")',  # a function the app never uses
        "=MAX(N(C10),0)+prices",  # a name
    ],
)
def test_a_formula_the_app_could_not_have_written_is_refused_even_in_a_computed_cell(good_xlsx, formula):
    wb = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    sheet = load_demo().personas[0].name
    wb[sheet]["C10"] = formula
    with pytest.raises(ImportProblems) as caught:
        from_xlsx(_saved(wb))
    assert caught.value.problems == [
        f"Sheet '{sheet}' cell C10: holds a formula; formulas are not accepted, type the value itself"
    ]


def test_the_apps_own_formulas_filled_down_by_a_spreadsheet_as_a_shared_formula_are_accepted(good_xlsx):
    # Excel saves a formula filled down a column once, with the cells below pointing at it.
    part = "xl/worksheets/sheet2.xml"
    xml = zipfile.ZipFile(io.BytesIO(good_xlsx)).read(part).decode()
    first, last = 10, 9 + len(load_demo().attributes)
    xml = xml.replace(
        f'<c r="F{first}"><f>', f'<c r="F{first}"><f t="shared" ref="F{first}:F{last}" si="0">', 1
    )
    for row in range(first + 1, last + 1):
        xml = re.sub(f'<c r="F{row}"><f>[^<]*</f>', f'<c r="F{row}"><f t="shared" si="0"/>', xml)
    assert xml.count('si="0"') == last - first + 1
    back = from_json(to_json(from_xlsx(_replace_part(good_xlsx, part, xml.encode()))))
    assert back.personas == load_demo().personas


def test_a_shared_formula_whose_first_cell_is_foreign_is_refused(good_xlsx):
    part = "xl/worksheets/sheet2.xml"
    xml = zipfile.ZipFile(io.BytesIO(good_xlsx)).read(part).decode()
    xml = re.sub(
        r'<c r="F10"><f>[^<]*</f>', '<c r="F10"><f t="shared" ref="F10:F11" si="0">Overview!B1</f>', xml
    )
    xml = re.sub(r'<c r="F11"><f>[^<]*</f>', '<c r="F11"><f t="shared" si="0"/>', xml)
    with pytest.raises(ImportProblems) as caught:
        from_xlsx(_replace_part(good_xlsx, part, xml.encode()))
    assert [p.split(":")[0] for p in caught.value.problems] == [
        f"Sheet '{load_demo().personas[0].name}' cell F10",
        f"Sheet '{load_demo().personas[0].name}' cell F11",
    ]


def test_a_sheet_with_too_many_rows_is_refused(good_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    wb["Ideas"].cell(MAX_ROWS + 1, 1, "one row too many")
    with pytest.raises(InvalidInput, match=f"Sheet 'Ideas' has {MAX_ROWS + 1} rows"):
        from_xlsx(_saved(wb))


def test_a_workbook_with_too_many_sheets_is_refused(good_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    for n in range(MAX_SHEETS):
        wb.create_sheet(f"Extra {n}")
    with pytest.raises(InvalidInput, match=f"at most {MAX_SHEETS} are accepted"):
        from_xlsx(_saved(wb))


def test_an_oversized_upload_is_refused_before_it_is_opened():
    with pytest.raises(InvalidInput, match="at most 5 MB"):
        from_xlsx(b"PK\x03\x04" + b"\x00" * MAX_UPLOAD_BYTES)


def test_an_oversized_workshop_file_is_refused():
    with pytest.raises(InvalidInput, match="at most 5 MB"):
        from_json(b" " * (MAX_UPLOAD_BYTES + 1))


def test_a_workshop_file_with_seven_personas_is_refused():
    doc = _demo_doc()
    doc["personas"] += [dict(doc["personas"][0], key=f"extra_{n}") for n in range(2)]
    with pytest.raises(InvalidInput, match="at most 6 personas, this file has 7"):
        from_json(json.dumps(doc).encode())


def test_a_workshop_file_with_two_personas_of_the_same_key_is_refused():
    doc = _demo_doc()
    doc["personas"][1]["key"] = doc["personas"][0]["key"]
    with pytest.raises(InvalidInput, match=r"personas\[1\]\.key: duplicate persona key"):
        from_json(json.dumps(doc).encode())


def test_a_workshop_file_with_a_field_written_twice_is_refused():
    with pytest.raises(InvalidInput, match="'title' appears twice"):
        from_json(b'{"format": "love-hate-workshop", "version": 1, "title": "a", "title": "b"}')


@pytest.mark.parametrize(
    ("section", "field", "value", "where"),
    [
        ("ratings", "persona", "ghost", r"ratings\[0\]\.persona: unknown persona 'ghost'"),
        ("ratings", "idea", "ghost", r"ratings\[0\]\.idea: unknown idea 'ghost'"),
        ("votes", "idea", "ghost", r"votes\[0\]\.idea: unknown idea 'ghost'"),
    ],
)
def test_a_workshop_file_referring_to_unknown_personas_or_ideas_is_refused(section, field, value, where):
    doc = _demo_doc()
    doc[section][0][field] = value
    with pytest.raises(InvalidInput, match=where):
        from_json(json.dumps(doc).encode())


def test_a_stance_on_an_unknown_attribute_is_refused():
    doc = _demo_doc()
    doc["personas"][0]["stances"]["teleportation"] = {"score": 2, "note": ""}
    with pytest.raises(InvalidInput, match=r"personas\[0\]\.stances\.teleportation: unknown attribute"):
        from_json(json.dumps(doc).encode())


def test_size_messages_never_understate_a_file():
    assert safety.describe_size(6_304_481) == "6.0 MB"
    assert safety.describe_size(int(7.5 * 1024 * 1024)) == "7.5 MB"
    assert safety.describe_size(MAX_UPLOAD_BYTES + 1) == "more than 5 MB"  # not "5.0 MB"
    assert safety.describe_size(None) == "more than 5 MB"
    with pytest.raises(InvalidInput, match="The workshop file is 6.0 MB; at most 5 MB"):
        from_json(b" " * 6_304_481)
    with pytest.raises(InvalidInput, match="The workbook is more than 5 MB"):
        safety.check_size(b"x" * (MAX_UPLOAD_BYTES + 1), "workbook")  # all that was read of a larger file
