"""``extract ingest`` on folders as they are found: names in a Windows zip's Thai encoding, FIFOs
and links to devices, files this project wrote beside the archive, and Ctrl-C halfway. Real
subprocesses, real files, real archive."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

from cli_runs import archived, error_lines, ingest, ingest_command, run_extract
from conftest import ROOT

from extract.integrity import archive_problems
from scripts.make_bad_inputs import distinct_reports

SAMPLE = ROOT / "samples" / "thungdokkaeo-2568.dump.txt"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)
SUMMARY = re.compile(r"^(\d+) added, (\d+) already archived, (\d+) failed")


def tis620_name(folder, name: str) -> bytes:
    """The path of ``name`` in ``folder`` as a zip made on Thai Windows leaves it: TIS-620 bytes."""
    return os.fsencode(folder) + b"/" + name.encode("tis-620")


def test_a_thai_name_in_tis620_is_archived_and_shown_readably(tmp_path):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(SAMPLE, tis620_name(folder, "รายงาน ITA.txt"))
    with open(tis620_name(folder, "ภาพถ่าย.pdf"), "wb") as file:
        file.write(JPEG)
    db = tmp_path / "archive.db"
    result = ingest(folder, "--db", db)
    assert result.returncode == 1, result.stderr
    assert list(archived(db)) == ["รายงาน ITA.txt"]
    assert error_lines(result.stderr) == {
        "ภาพถ่าย.pdf": "a JPEG image, not a report (PDF, HTML, Word .docx, Excel .xlsx or text dump)"
    }
    assert result.stdout.startswith("1 added, 0 already archived, 1 failed")


def test_what_is_not_a_regular_file_is_skipped_in_folders_and_an_error_by_name(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "report.txt")
    os.mkfifo(folder / "pipe")  # reading it would wait for a writer forever
    (folder / "zeros.pdf").symlink_to("/dev/zero")  # reading it would never end
    db = tmp_path / "archive.db"

    walked = ingest(folder, "--db", db)  # the subprocess timeout fails the test if it hangs
    assert walked.returncode == 0, walked.stderr
    assert walked.stderr.splitlines() == [
        f"note: {folder / 'pipe'}: skipped: a named pipe (FIFO), not a regular file",
        f"note: {folder / 'zeros.pdf'}: skipped: a character device, not a regular file",
    ]
    assert walked.stdout.startswith("1 added, 0 already archived, 0 failed")

    named = ingest(folder / "pipe", folder / "zeros.pdf", SAMPLE, "--db", tmp_path / "b.db")
    assert named.returncode == 1
    assert error_lines(named.stderr) == {
        "pipe": "a named pipe (FIFO), not a regular file",
        "zeros.pdf": "a character device, not a regular file",
    }
    assert named.stdout.startswith("1 added, 0 already archived, 2 failed")


def test_files_written_beside_the_archive_are_not_ingested(tmp_path):
    """The README's commands in one folder, then ingest that folder again."""
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    assert run_extract("ingest", ".", cwd=tmp_path).returncode == 0
    for command in (
        ["publish", "--db", "archive.db", "archive-published.db"],
        ["export", "--format", "json", "-o", "archive.json"],
        ["export", "--format", "csv", "--year", "2568", "-o", "fy2568.csv"],
    ):
        assert run_extract(*command, cwd=tmp_path).returncode == 0
    assert (tmp_path / "archive-published.inspect.json").exists()

    again = run_extract("ingest", ".", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert again.stdout.startswith("0 added, 1 already archived, 0 failed")


# As a shell starts a command: SIGINT at its default and unblocked, whatever this test process
# inherited or was left with (an ignored SIGINT survives exec, and Python then installs no
# KeyboardInterrupt handler: the ingest would rightly run on, as under nohup)
AS_FROM_A_SHELL = (
    "import os, signal, sys; "
    "signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT]); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def test_ctrl_c_reports_what_went_in_and_exits_130(tmp_path):
    folder = tmp_path / "reports"
    distinct_reports(folder, 40, first=3)
    shutil.copy(SAMPLE, folder / "001-report.txt")
    for name in ("000-photo.pdf", "002-photo.pdf"):  # the first and the third file: a line each
        (folder / name).write_bytes(JPEG + name.encode())
    db = tmp_path / "archive.db"
    # its own session, so the whole group can get SIGINT as Ctrl-C in a terminal sends it
    process = subprocess.Popen(
        [sys.executable, "-c", AS_FROM_A_SHELL, *ingest_command(folder, "--db", db, "--jobs", "1")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        # files go one by one: after the second line, 001-report.txt is in
        lines = [process.stderr.readline() for _ in range(2)]
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert all(line.startswith("error: ") for line in lines), lines
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    assert re.search(r"^interrupted: \d+ of 43 files not ingested$", stderr, re.MULTILINE), stderr
    added, already, failed = map(int, SUMMARY.match(stdout).groups())
    assert added >= 1 and already == 0 and failed >= 2 and added + failed < 43
    assert len(archived(db)) == added  # each document whole or not at all
    assert archive_problems(db) == []
