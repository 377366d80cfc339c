"""Document metadata from a heading's lines (``extract/metadata.py``, one parser for every
reader). A PDF heading line that wrapped on holds its visual lines separated by newlines."""

from __future__ import annotations

from extract.metadata import document_meta


def test_a_title_set_over_two_lines_is_read_whole() -> None:
    meta = document_meta(
        [
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม\nและความโปร่งใสภายในหน่วยงาน",
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ องค์การบริหารส่วนตำบลทุ่งดอกแก้ว อำเภอ\nเชียงคาน จังหวัดเลย",
        ]
    )
    assert meta.title == "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert (meta.agency, meta.district, meta.province) == (
        "องค์การบริหารส่วนตำบลทุ่งดอกแก้ว",
        "เชียงคาน",
        "เลย",
    )
    assert meta.fiscal_year_be == 2569


def test_the_name_ends_where_the_year_or_the_agency_begins() -> None:
    def title(*lines: str) -> str:
        return document_meta(["\n".join(lines)]).title

    assert title("รายงานผลการดำเนินงาน", "องค์การบริหารส่วนตำบลทุ่งดอกแก้ว") == "รายงานผลการดำเนินงาน"
    assert title("รายงานสรุปผลการดำเนินงาน", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙") == "รายงานสรุปผลการดำเนินงาน"
    # a year the name itself states is part of it: no year phrase set off by a space
    assert title("รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง", "ในรอบปีงบประมาณ พ.ศ. ๒๕๖๙") == (
        "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้างในรอบปีงบประมาณ พ.ศ. ๒๕๖๙"
    )
    assert title("รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙") == "รายงานผลการดำเนินงาน"


def test_an_announcement_is_titled_with_its_subject() -> None:
    """ "ประกาศ<agency>" names every announcement of the agency alike; its subject (เรื่อง …, with
    the lines it wraps on to) tells them apart, as the announcement is cited."""
    name, subject = "ประกาศองค์การบริหารส่วนตำบลทุ่งดอกแก้ว", "เรื่อง มาตรการป้องกันการรับสินบน"
    year = "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    expected = f"{name} {subject}"
    assert document_meta([name, subject, year]).title == expected  # one entry per line
    assert document_meta(["\n".join([name, subject, year])]).title == expected  # one wrapped entry
    assert document_meta([name, "เรื่อง มาตรการป้องกัน\nการรับสินบน ประจำปี ๒๕๖๘"]).title == expected
    assert document_meta([f"{name} ประจำปี ๒๕๖๘", subject]).title == name  # the year ends the title
    assert document_meta([name, year, subject]).title == name  # a subject not under the name


def test_a_province_left_out_is_the_one_the_printed_district_lies_in() -> None:
    """Printed places are kept as printed; a province the heading leaves out is filled from the
    gazetteer only when the district names one (ท่ายาง lies in เพชรบุรี alone), so the
    document is found when faceting by province."""
    meta = document_meta(["รายงานผลการดำเนินงาน", "องค์การบริหารส่วนตำบลเขากระปุก อำเภอท่ายาง"])
    assert (meta.district, meta.province) == ("ท่ายาง", "เพชรบุรี")
    assert meta.agency_key == "อบต.|เขากระปุก|ท่ายาง|เพชรบุรี"
    printed = document_meta(["รายงาน", "องค์การบริหารส่วนตำบลเขากระปุก อ.ท่ายาง จ.เพชรบุรี"])
    assert (printed.district, printed.province) == ("ท่ายาง", "เพชรบุรี")
    unknown = document_meta(["ประกาศองค์การบริหารส่วนตำบลหนองน้ำใส"])  # no such ตำบล to place
    assert (unknown.district, unknown.province) == (None, None)
