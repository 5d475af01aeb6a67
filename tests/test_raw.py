"""Reading raw files and the manifest: encodings, bad files, manifest problems."""

from __future__ import annotations

import codecs
import csv

import pytest

from analysis.raw import RawFileError, decode_bytes, read_manifest

TEXT = "2022年，全镇实现财政总收入增长8%，固定资产投资增长10%以上。各位代表，过去五年，我们紧紧围绕发展目标。"
TRAD = "2022年，全鎮實現財政總收入增長8%，固定資產投資增長10%以上。各位代表，過去五年，我們緊緊圍繞發展目標。"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TRAD.encode("big5"), "big5"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_bytes_recognises_encoding(data, encoding):
    text, found = decode_bytes(data, "x.txt")
    assert found == encoding
    assert text.lstrip("\ufeff") in (TEXT, TRAD)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"  \r\n\n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 50, "binary"),
    ],
)
def test_decode_bytes_rejects_bad_files_with_the_file_name(data, message):
    with pytest.raises(RawFileError, match=rf"bad\.txt: .*{message}"):
        decode_bytes(data, "bad.txt")


def test_real_manifest_is_valid(raw_dir):
    manifest, problems = read_manifest(raw_dir)
    assert problems == []
    assert len(manifest) == 5
    assert manifest.doc_id.is_unique
    assert manifest.report_year.map(type).eq(int).all()


def _rewrite_manifest(raw, edit):
    path = raw / "manifest.csv"
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_manifest_problems_name_the_file(raw_copy):
    (raw_copy / "unlisted_2023.txt").write_text("新的报告。", encoding="utf-8")

    def edit(rows):
        rows[1]["report_year"] = "二〇二二"  # unreadable year
        dup = dict(rows[0])
        dup["file"] = "copy.txt"
        missing = dict(rows[0], doc_id="ghost_2022", file="ghost.txt")
        return rows + [dup, missing]

    _rewrite_manifest(raw_copy, edit)
    manifest, problems = read_manifest(raw_copy)
    messages = {(p.file, p.severity): p.problem for p in problems}
    assert "no manifest row" in messages[("unlisted_2023.txt", "error")]
    assert "unreadable report_year" in messages[("wuxie_2022_work_plan.txt", "error")]
    assert "duplicate doc_id" in messages[("copy.txt", "error")]
    assert "does not exist" in messages[("ghost.txt", "error")]
    # The good rows are kept.
    assert len(manifest) == 4


def test_edited_raw_file_is_a_warning(raw_copy):
    path = raw_copy / "wuxie_2022_work_plan.txt"
    path.write_bytes(path.read_bytes() + b"\n")
    _, problems = read_manifest(raw_copy)
    assert [(p.severity, p.file) for p in problems] == [("warning", "wuxie_2022_work_plan.txt")]
    assert "must not be edited" in problems[0].problem


def test_missing_manifest_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="no manifest"):
        read_manifest(tmp_path)


@pytest.mark.parametrize("where", ["../outside.txt", "ABSOLUTE", "link.txt"])
def test_a_manifest_reads_nothing_outside_the_raw_folder(raw_copy, tmp_path, where):
    secret = tmp_path / "outside.txt"
    secret.write_text("2022年，秘密收入增长99%。", encoding="utf-8")
    if where == "ABSOLUTE":
        where = str(secret)
    elif where == "link.txt":
        (raw_copy / "link.txt").symlink_to(secret)

    def edit(rows):
        return rows + [dict(rows[0], doc_id="outside_2022", file=where, sha256="")]

    _rewrite_manifest(raw_copy, edit)
    manifest, problems = read_manifest(raw_copy)
    assert "outside_2022" not in set(manifest.doc_id)
    [p] = [p for p in problems if p.doc_id == "outside_2022"]
    assert p.severity == "error" and "outside the raw folder" in p.problem and "manifest line 7" in p.problem


def test_the_same_file_under_two_doc_ids_is_built_once(raw_copy):
    import shutil

    shutil.copy(raw_copy / "wuxie_2022_work_plan.txt", raw_copy / "wuxie_copy.txt")

    def edit(rows):
        return rows + [dict(rows[1], doc_id="wuxie_again"), dict(rows[1], doc_id="wuxie_copy", file="wuxie_copy.txt")]

    _rewrite_manifest(raw_copy, edit)
    manifest, problems = read_manifest(raw_copy)
    assert list(manifest.doc_id).count("wuxie_again") == 0 and "wuxie_copy" not in set(manifest.doc_id)
    dups = [p for p in problems if p.doc_id in ("wuxie_again", "wuxie_copy")]
    assert len(dups) == 2 and all("same bytes as doc_id" in p.problem and p.severity == "error" for p in dups)


def test_a_manifest_in_gbk_is_named_in_one_line(raw_copy):
    path = raw_copy / "manifest.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(ValueError, match=r"manifest\.csv: the manifest is not UTF-8 .*save it as UTF-8"):
        read_manifest(raw_copy)


def test_unknown_columns_subfolders_and_hidden_files_are_mentioned(raw_copy):
    (raw_copy / "drafts").mkdir()
    (raw_copy / ".notes.txt").write_text("x", encoding="utf-8")

    def edit(rows):
        return [dict(r, reviewer="me") for r in rows]

    path = raw_copy / "manifest.csv"
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]) + ["reviewer"], lineterminator="\n")
        w.writeheader()
        w.writerows(edit(rows))
    manifest, problems = read_manifest(raw_copy)
    text = {(p.file, p.severity): p.problem for p in problems}
    assert "reviewer" in text[("manifest.csv", "warning")]
    assert "subfolder" in text[("drafts/", "warning")]
    assert "hidden" in text[(".notes.txt", "warning")]
    assert len(manifest) == 5


def test_a_file_cut_inside_its_last_character_is_read_and_the_cut_is_named():
    from analysis.raw import decode_with_notes

    data = TEXT.encode("utf-8") + "增".encode("utf-8")[:2]
    text, enc, notes = decode_with_notes(data, "cut.txt")
    assert enc == "utf-8" and text == TEXT
    assert len(notes) == 1 and "ends inside a UTF-8 character" in notes[0] and "2 byte(s)" in notes[0]


def test_a_stray_nul_byte_loses_only_itself():
    from analysis.raw import decode_with_notes

    long_text = TEXT * 300
    data = long_text.encode("utf-8")
    data = data[:5000] + b"\x00" + data[5000:]
    text, enc, notes = decode_with_notes(data, "nul.txt")
    assert text == long_text and notes == ["1 NUL byte(s) removed (the first at byte 5000); the rest of the file was read"]


def test_build_reports_what_decoding_dropped(raw_copy):
    from analysis.build import build_corpus

    path = raw_copy / "wuxie_2022_work_plan.txt"
    data = path.read_bytes()
    path.write_bytes(data[:3000] + b"\x00" + data[3000:])
    result = build_corpus(raw_copy, progress=False)
    assert len(result.tables["documents"]) == 5
    notes = [p for p in result.problems if p.file == "wuxie_2022_work_plan.txt" and "NUL" in p.problem]
    assert len(notes) == 1 and notes[0].severity == "warning"
