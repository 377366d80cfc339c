"""Every normalize function works with the network unavailable and writes nothing to disk.

Runs in a fresh interpreter (caches empty, pythainlp not yet loaded) whose sockets refuse to connect
and whose HOME is an empty directory, without PYTHAINLP_OFFLINE / PYTHAINLP_READ_ONLY in its
environment: the modules themselves must keep pythainlp offline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

EXERCISE_EVERY_FUNCTION = r"""
import socket

def refuse(*args, **kwargs):
    raise OSError("network is unavailable in this test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from normalize.agencies import agency_key, canonical_district, canonical_province, parse_agency
from normalize.amounts import find_amounts, parse_amount
from normalize.chars import repair_thai_chars, restore_sara_am
from normalize.dates import find_fiscal_year, parse_be_year, parse_period, parse_thai_date
from normalize.indicators import classify_indicator
from normalize.quality import assess_thai_quality
from normalize.units import canonical_unit, split_units

assert restore_sara_am(repair_thai_chars("ส านักงาน ทํางาน สานักงาน")) == "สำนักงาน ทำงาน สำนักงาน"
assert restore_sara_am("ยุทธศำสตร์") == "ยุทธศาสตร์"
assert assess_thai_quality("ค าน า").score < 0.8
assert find_fiscal_year("ประจำปีงบประมาณ พ.ศ.๒๕๖๘") == parse_be_year("๖๘") == 2568
assert parse_thai_date("๓๑ มีนาคม ๒๕๖๘").isoformat() == "2025-03-31"
assert parse_period("ต.ค.64 – มี.ค.65")[1].isoformat() == "2022-03-31"
assert parse_amount("ห้าแสนบาท") == find_amounts("๕ แสนบาท")[0] == 500000
assert split_units("สำนักปลัด กองช่าง") == ["สำนักปลัด", "กองช่าง"]
assert canonical_unit("กองการศึกษาฯ") == "กองการศึกษา ศาสนาและวัฒนธรรม"
agency = parse_agency("อบต.เขากระปุก")
assert agency_key(agency) == "อบต.|เขากระปุก|ท่ายาง|เพชรบุรี"
assert canonical_province("กรุงเทพฯ") == "กรุงเทพมหานคร"
assert canonical_district("อ.เมือง", "เพชรบุรี") == "เมืองเพชรบุรี"
assert classify_indicator("การป้องกันการนำทรัพย์สินราชการไปใช้").number == 4
print("offline ok")
"""


def test_every_function_runs_without_network(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", EXERCISE_EVERY_FUNCTION],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "offline ok"
    assert list(home.iterdir()) == []  # no ~/pythainlp-data created
