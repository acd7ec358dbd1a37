"""LOM metadata in a package's manifest fills topic, level, author and tags."""

from __future__ import annotations

import zipfile
from pathlib import Path

from exam_bank.importers.qti import read_qti

ITEM = (Path(__file__).parents[2] / "fixtures" / "qti" / "real" / "citolab-guide"
        / "response-processing-item.xml")

# LOM 1.0 as QTI 3 packages carry it (the IEEE namespace, string values, a vCard).
LOM_V1 = """<metadata><lom xmlns="http://ltsc.ieee.org/xsd/LOM">
  <general><language>id</language>
    <keyword><string language="id">geografi</string></keyword>
    <keyword><string language="id">ibu kota</string></keyword></general>
  <lifeCycle><contribute><role><source>LOMv1.0</source><value>author</value></role>
    <entity>BEGIN:VCARD
VERSION:3.0
FN:Siti Rahma
END:VCARD</entity></contribute>
    <contribute><role><source>LOMv1.0</source><value>publisher</value></role>
    <entity>BEGIN:VCARD
FN:Penerbit
END:VCARD</entity></contribute></lifeCycle>
  <educational><difficulty><source>LOMv1.0</source><value>difficult</value></difficulty>
  </educational></lom></metadata>"""

# IMS Metadata 1.2 as QTI 2.1 tools wrote it (langstring values).
LOM_V12 = """<metadata><imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2">
  <imsmd:general><imsmd:keyword><imsmd:langstring>peta</imsmd:langstring></imsmd:keyword>
  </imsmd:general><imsmd:educational><imsmd:difficulty><imsmd:source><imsmd:langstring>
  LOMv1.0</imsmd:langstring></imsmd:source><imsmd:value><imsmd:langstring>easy
  </imsmd:langstring></imsmd:value></imsmd:difficulty></imsmd:educational></imsmd:lom>
  </metadata>"""


def package(tmp_path: Path, metadata: str) -> Path:
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="http://www.'
                'imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>'
                '<resource identifier="r" type="imsqti_item_xmlv3p0" href="item.xml">'
                f'{metadata}<file href="item.xml"/></resource></resources></manifest>')
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.write(ITEM, "item.xml")
    return path


def test_lom_keywords_difficulty_author_and_language_fill_the_item(tmp_path: Path) -> None:
    (item,) = read_qti(package(tmp_path, LOM_V1), competency="integritas").items
    assert (item.topic, item.level, item.author) == ("geografi", 4, "Siti Rahma")
    assert item.tags == ("geografi", "ibu kota", "bahasa:id")


def test_ims_metadata_1_2_reads_the_same_and_topic_flag_wins(tmp_path: Path) -> None:
    (item,) = read_qti(package(tmp_path, LOM_V12), competency="integritas",
                       topic="umum").items
    assert (item.topic, item.level, item.tags) == ("umum", 2, ("peta",))


def test_without_metadata_the_defaults_stay(tmp_path: Path) -> None:
    (item,) = read_qti(package(tmp_path, ""), competency="integritas").items
    assert (item.topic, item.level, item.author, item.tags) == ("", 3, "", ())
