"""What the workers' fork server does once, when it starts (``extract.workers.PRELOAD``).

- It ties its life to the ingest process: if that process is killed (``kill -9``), the server is
  killed too, instead of finishing its start-up for nobody. (Each worker does the same.)
- It warms the pipeline. The first document a process reads pays for caches built on first use
  (the Thai word trie and word classes: a second or two). Running the pipeline here on a tiny
  report of our own builds them before any worker is forked, so every worker, including one that
  replaces a failed worker, starts warm, spends its time limit on its document alone, and shares
  those pages copy-on-write with the other workers.
"""

from __future__ import annotations

import contextlib

from extract.workers import die_with_parent

die_with_parent()  # first, before the imports and the warm-up take their seconds

_HEADER = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา",
           "สรุปผลการดำเนินการตามมาตรการ", "ผลลัพธ์หรือความสำเร็จ"]  # fmt: skip
_ROW = [
    "<p>เปิดเผยข้อมูลการจัดซื้อจัดจ้างและงบประมาณ เพื่อให้ประชาชนตรวจสอบการใช้จ่ายได้</p>",
    "<p>๑. รวบรวมรายการจัดซื้อจัดจ้างของทุกกองและสำนักปลัด โดยแยกตามวิธีการจัดหา วงเงิน"
    " และผู้ได้รับการคัดเลือกให้ครบถ้วน</p><p>๒. เสนอรายงานสรุปผลให้ปลัดองค์การบริหารส่วนตำบล"
    "พิจารณา ภายในวันที่ ๑๐ ของเดือนถัดไป</p><p>๓. ประกาศผ่านเว็บไซต์ เพจ Facebook"
    " และบอร์ดประชาสัมพันธ์ ณ ที่ทำการ อบต.</p>",
    "<p>กองคลัง สำนักปลัด กองการศึกษาฯ</p>",
    "<p>ต.ค. ๒๕๖๗ – ก.ย. ๒๕๖๘</p>",
    "<p>เผยแพร่รายงานครบทั้ง 12 เดือน รวมรายการจัดซื้อจัดจ้าง ๒๑๔ รายการ วงเงินรวม"
    " ๓,๔๕๐,๐๐๐ บาท</p><ul><li>จัดทำสรุปผลรายไตรมาส ร้อยละ ๑๐๐</li></ul>",
    "<p>- ประชาชนตรวจสอบการใช้จ่ายงบประมาณได้ ลดข้อร้องเรียนเรื่องการจัดซื้อจัดจ้าง</p>"
    "<p>- เจ้าหน้าที่ปฏิบัติตามระเบียบ อย่างเคร่งครัด</p>",
]
WARM_UP_REPORT = "\n".join(
    [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ องค์การบริหารส่วนตำบลทุ่งตัวอย่าง อำเภอเมือง จังหวัดเพชรบุรี",
        "",
        "\t".join(_HEADER),
        "\t".join(_ROW),
    ]
).encode("utf-8")


def warm_up() -> None:
    # warming is an optimisation: a failure here must not stop the fork server
    from extract.pipeline import process_bytes
    from normalize.agencies import agency_key, parse_agency
    from normalize.chars import restore_sara_am

    with contextlib.suppress(Exception):
        process_bytes(WARM_UP_REPORT, "warm-up.txt")
        # paths the report above does not take, each 0.3 s on first use: the sara am repair (PDF
        # text only) builds its word trie; an agency named without its district is looked up
        # in the gazetteer's subdistricts
        restore_sara_am("สานักงาน")
        agency = parse_agency("องค์การบริหารส่วนตำบลทุ่งตัวอย่าง")
        if agency:
            agency_key(agency)


warm_up()
